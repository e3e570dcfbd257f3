package de.schulhaus.mail.admin;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.SchoolManagement;

/** Function mailboxes: made, shared with people, deleted by the school admin. */
@Controller
class FunctionMailboxController {

	private final FunctionMailboxes functions;
	private final SchoolManagement schools;
	private final Problems problems;

	FunctionMailboxController(FunctionMailboxes functions, SchoolManagement schools, Problems problems) {
		this.functions = functions;
		this.schools = schools;
		this.problems = problems;
	}

	@PostMapping("/verwaltung/mail/funktionen")
	String create(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "") String localPart,
			@RequestParam(defaultValue = "") String displayName, RedirectAttributes redirect) {
		try {
			Mailbox created = functions.create(user, localPart, displayName);
			redirect.addFlashAttribute("toast", "mail.admin.function.created");
			return "redirect:/verwaltung/mail/funktionen/" + created.id();
		} catch (InvalidInputException ex) {
			problems.flash(redirect, ex);
			redirect.addFlashAttribute("functionLocalPart", localPart);
			redirect.addFlashAttribute("functionName", displayName);
			return "redirect:/verwaltung/mail#funktionen";
		}
	}

	@GetMapping("/verwaltung/mail/funktionen/{functionId}")
	String page(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID functionId, Model model) {
		Mailbox function = functions.require(user.schoolId(), functionId);
		model.addAttribute("function", function);
		model.addAttribute("address", function.localPart() + "@" + schools.require(user.schoolId()).mailDomain());
		model.addAttribute("members", functions.members(function));
		return "mail/admin/function";
	}

	@PostMapping("/verwaltung/mail/funktionen/{functionId}/mitglieder")
	String addMember(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID functionId, @RequestParam(defaultValue = "") String login,
			RedirectAttributes redirect) {
		functions.require(user.schoolId(), functionId);
		try {
			functions.addMember(user, functionId, login);
			redirect.addFlashAttribute("toast", "mail.admin.function.memberAdded");
		} catch (InvalidInputException ex) {
			problems.flash(redirect, ex);
			redirect.addFlashAttribute("memberLogin", login);
		}
		return "redirect:/verwaltung/mail/funktionen/" + functionId;
	}

	@PostMapping("/verwaltung/mail/funktionen/{functionId}/mitglieder/{accountId}/entfernen")
	String removeMember(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID functionId, @PathVariable UUID accountId,
			RedirectAttributes redirect) {
		functions.removeMember(user, functionId, accountId);
		redirect.addFlashAttribute("toast", "mail.admin.function.memberRemoved");
		return "redirect:/verwaltung/mail/funktionen/" + functionId;
	}

	@PostMapping("/verwaltung/mail/funktionen/{functionId}/loeschen")
	String delete(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID functionId, RedirectAttributes redirect) {
		functions.delete(user, functionId);
		redirect.addFlashAttribute("toast", "mail.admin.function.deleted");
		return "redirect:/verwaltung/mail#funktionen";
	}
}
