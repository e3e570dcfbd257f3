package de.schulhaus.mail.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.blobs.QuotaExceededException;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.mail.internal.Submission;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Writing mail at {@code /mail/neu}: a new message, a reply, a forward or a draft continued; sending, or
 * saving as a draft (by the button, and by the page's script every 30 seconds and on leaving). Refused
 * input comes back beside its field; recipients the school's rules refuse are listed in German.
 */
@Controller
class ComposeController {

	private final ComposePrefill prefill;
	private final MailSending sending;
	private final MailAccess access;
	private final MailPages pages;
	private final MessageSource messages;

	ComposeController(ComposePrefill prefill, MailSending sending, MailAccess access, MailPages pages, MessageSource messages) {
		this.prefill = prefill;
		this.sending = sending;
		this.access = access;
		this.pages = pages;
		this.messages = messages;
	}

	@GetMapping("/mail/neu")
	String compose(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String antwort,
			@RequestParam(defaultValue = "false") boolean allen, @RequestParam(required = false) String weiterleiten,
			@RequestParam(required = false) String entwurf, @RequestParam(required = false) String an, Locale locale, Model model) {
		ComposePrefill.Prefilled filled;
		if (antwort != null) {
			filled = prefill.reply(user, antwort, allen, locale);
		} else if (weiterleiten != null) {
			filled = prefill.forward(user, weiterleiten, locale);
		} else if (entwurf != null) {
			filled = prefill.draft(user, entwurf);
		} else {
			ComposeForm empty = ComposeForm.empty();
			filled = new ComposePrefill.Prefilled(an == null ? empty : new ComposeForm(an, "", "", "", "", "html", null, null, null, null, null,
					List.of(), List.of()), List.of());
		}
		return page(user, filled.form(), filled.kept(), filled.von(), model);
	}

	@PostMapping("/mail/neu")
	String submit(@AuthenticationPrincipal SchulhausUser user, @ModelAttribute ComposeForm form,
			@RequestParam(name = "anhang", required = false) List<MultipartFile> uploads, @RequestParam(defaultValue = "senden") String aktion,
			@RequestParam(required = false) String von,
			Locale locale, Model model, RedirectAttributes redirect) {
		try {
			if ("entwurf".equals(aktion)) {
				StoredMessage draft = sending.saveDraft(user, form, uploads, von);
				redirect.addFlashAttribute("toast", "mail.compose.draftSaved");
				return "redirect:/mail/neu?entwurf=" + draft.id();
			}
			Submission.Result result = sending.send(user, form, uploads, von);
			List<String> refused = result.verdicts().stream().filter(v -> !v.accepted())
				.map(v -> v.address() + ": " + messages.getMessage(v.reasonKey(), null, v.reasonKey(), locale)).toList();
			List<String> full = new java.util.ArrayList<>(result.full().stream()
				.map(name -> messages.getMessage("mail.compose.full", new Object[] { name }, locale)).toList());
			if (refused.isEmpty() && full.isEmpty()) {
				redirect.addFlashAttribute("toast", result.sentCopyFull() ? "mail.compose.sentWithoutCopy" : "mail.compose.sent");
				return "redirect:/mail";
			}
			if (result.sentCopyFull()) {
				full.add(messages.getMessage("mail.compose.noSentCopy", null, locale));
			}
			model.addAttribute("refused", java.util.stream.Stream.concat(refused.stream(), full.stream()).toList());
			model.addAttribute("anyAccepted", result.anyAccepted());
			if (result.anyAccepted()) {
				pages.folders(access.usable(user), null, model);
				return "mail/sent";
			}
		} catch (InvalidInputException e) {
			model.addAttribute("problemField", e.field());
			model.addAttribute("problemText", messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale));
		} catch (QuotaExceededException full) {
			// only a draft lands in the writer's own mailbox: the form comes back as typed
			model.addAttribute("problemText", messages.getMessage("mail.compose.draftFull", null, locale));
		}
		return page(user, form, keptOf(user, form), von, model);
	}

	/** The page's script saves the draft every 30 seconds and on leaving; files chosen on the computer wait for the button. */
	@PostMapping("/mail/entwurf")
	ResponseEntity<?> autosave(@AuthenticationPrincipal SchulhausUser user, @ModelAttribute ComposeForm form,
			@RequestParam(required = false) String von, Locale locale) {
		StoredMessage draft;
		try {
			draft = sending.saveDraft(user, new ComposeForm(form.an(), form.cc(), form.bcc(), form.betreff(), form.text(), form.format(),
				form.antwortAuf(), form.verweise(), form.antwortId(), form.entwurf(), form.quelle(), form.behalten(), List.of()), List.of(), von);
		} catch (InvalidInputException e) {
			// RFC 9457, as the platform's API answers refused input
			String text = messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale);
			org.springframework.http.ProblemDetail problem = org.springframework.http.ProblemDetail.forStatusAndDetail(
					org.springframework.http.HttpStatus.BAD_REQUEST, text);
			problem.setType(java.net.URI.create("urn:schulhaus:problem:invalid-input"));
			problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", text)));
			return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		} catch (QuotaExceededException full) {
			org.springframework.http.ProblemDetail problem = org.springframework.http.ProblemDetail.forStatusAndDetail(
					org.springframework.http.HttpStatus.INSUFFICIENT_STORAGE, messages.getMessage("mail.compose.draftFull", null, locale));
			problem.setType(java.net.URI.create("urn:schulhaus:problem:quota-exceeded"));
			return ResponseEntity.status(org.springframework.http.HttpStatus.INSUFFICIENT_STORAGE)
				.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		List<Integer> kept = keptOf(user, new ComposeForm("", "", "", "", "", "html", null, null, null, null, draft.id().toString(),
				List.of(), List.of())).stream().map(MessageParts.Part::number).toList();
		return ResponseEntity.ok(Map.of("entwurf", draft.id().toString(), "teile", kept));
	}

	private List<MessageParts.Part> keptOf(SchulhausUser user, ComposeForm form) {
		if (form.quelle() == null || form.quelle().isBlank()) {
			return List.of();
		}
		try {
			return prefill.attachments(user, form.quelle());
		} catch (de.schulhaus.platform.NotFoundException gone) {
			return List.of();
		}
	}

	/** A mailbox to send from, as the "Von" choice shows it. */
	record Sender(String value, OutgoingMessages.Author author) {
	}

	private String page(SchulhausUser user, ComposeForm form, List<MessageParts.Part> kept, String von, Model model) {
		List<de.schulhaus.mail.internal.Mailbox> usable = access.usable(user);
		pages.folders(usable, null, model);
		model.addAttribute("senders", usable.size() < 2 ? List.of()
				: usable.stream().map(m -> new Sender(m.personal() ? "" : m.id().toString(), MailSending.author(user, m))).toList());
		model.addAttribute("von", von == null ? "" : von);
		model.addAttribute("form", form);
		model.addAttribute("kept", kept);
		model.addAttribute("maxMb", sending.maxBytes(user) / (1024 * 1024));
		return "mail/compose";
	}
}
