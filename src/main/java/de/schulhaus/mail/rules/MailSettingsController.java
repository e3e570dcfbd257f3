package de.schulhaus.mail.rules;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.mail.internal.MailPolicies;
import de.schulhaus.mail.internal.MailPolicy;
import de.schulhaus.mail.lists.MailLists;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.SchoolManagement;

/** A person's own mail settings: the absence note, forwarding, the lists of the groups they lead, and how full the mailbox is. */
@Controller
class MailSettingsController {

	private final MailRules rules;
	private final MailPolicies policies;
	private final MailLists lists;
	private final GroupManagement groups;
	private final SchoolManagement schools;
	private final MessageSource messages;
	private final StorageQuotas quotas;

	MailSettingsController(MailRules rules, MailPolicies policies, MailLists lists, GroupManagement groups, SchoolManagement schools,
			MessageSource messages, StorageQuotas quotas) {
		this.quotas = quotas;
		this.rules = rules;
		this.policies = policies;
		this.lists = lists;
		this.groups = groups;
		this.schools = schools;
		this.messages = messages;
	}

	/** A list the person leads, as the page shows it. */
	record LedList(java.util.UUID groupId, String groupName, String address) {
	}

	@GetMapping("/mail/einstellungen")
	String page(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("absence", rules.absence(user.schoolId(), user.accountId()).orElse(new Absence(false, "", "", null, null)));
		model.addAttribute("forwarding", rules.forwarding(user.schoolId(), user.accountId()).orElse(null));
		MailPolicy policy = policies.of(user.schoolId(), user.role());
		model.addAttribute("mayForwardOutside", policy.forwardingAllowed() && policy.outsideAllowed());
		String domain = schools.require(user.schoolId()).mailDomain();
		List<LedList> led = groups.groupsOfPerson(user.schoolId(), user.accountId()).stream().filter(g -> g.leader() && !g.archived())
			.flatMap(g -> lists.find(user.schoolId(), g.groupId()).map(l -> new LedList(g.groupId(), g.name(), l.address(domain))).stream())
			.toList();
		model.addAttribute("ledLists", led);
		model.addAttribute("storage", quotas.usage(BlobOwner.mail(user.schoolId(), user.accountId())));
		return "mail/rules/settings";
	}

	@PostMapping("/mail/einstellungen/abwesenheit")
	String absence(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "false") boolean enabled,
			@RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String body,
			@RequestParam(defaultValue = "") String startsOn, @RequestParam(defaultValue = "") String endsOn, RedirectAttributes redirect) {
		try {
			rules.saveAbsence(user, new Absence(enabled, subject, body, date(startsOn, "startsOn"), date(endsOn, "endsOn")));
			redirect.addFlashAttribute("toast", enabled ? "mail.rules.absence.savedOn" : "mail.rules.absence.savedOff");
		} catch (InvalidInputException ex) {
			flash(redirect, ex);
			redirect.addFlashAttribute("draft", new Absence(enabled, subject, body, null, null));
		}
		return "redirect:/mail/einstellungen#abwesenheit";
	}

	@PostMapping("/mail/einstellungen/weiterleitung")
	String forwarding(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "") String address,
			@RequestParam(defaultValue = "false") boolean keepCopy, RedirectAttributes redirect) {
		try {
			rules.saveForwarding(user, address, keepCopy);
			redirect.addFlashAttribute("toast", address.isBlank() ? "mail.rules.forwarding.savedOff" : "mail.rules.forwarding.savedOn");
		} catch (InvalidInputException ex) {
			flash(redirect, ex);
			redirect.addFlashAttribute("forwardingAddress", address);
		}
		return "redirect:/mail/einstellungen#weiterleitung";
	}

	private static LocalDate date(String value, String field) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		} catch (DateTimeParseException e) {
			throw new InvalidInputException(field, "mail.rules.error.date");
		}
	}

	private void flash(RedirectAttributes redirect, InvalidInputException ex) {
		redirect.addFlashAttribute("problem", messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), LocaleContextHolder.getLocale()));
		redirect.addFlashAttribute("problemField", ex.field());
	}
}
