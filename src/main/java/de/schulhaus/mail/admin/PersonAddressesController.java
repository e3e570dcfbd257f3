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

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/** A person's addresses: the sign-in name and the aliases the school admin gives and takes. */
@Controller
class PersonAddressesController {

	private final Aliases aliases;
	private final AccountManagement accounts;
	private final Problems problems;

	PersonAddressesController(Aliases aliases, AccountManagement accounts, Problems problems) {
		this.aliases = aliases;
		this.accounts = accounts;
		this.problems = problems;
	}

	@GetMapping("/verwaltung/mail/personen/{accountId}")
	String page(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID accountId, Model model) {
		model.addAttribute("person", accounts.require(user.schoolId(), accountId));
		model.addAttribute("aliases", aliases.ofPerson(user.schoolId(), accountId));
		return "mail/admin/person";
	}

	@PostMapping("/verwaltung/mail/personen/{accountId}/aliase")
	String add(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID accountId, @RequestParam(defaultValue = "") String address,
			RedirectAttributes redirect) {
		accounts.require(user.schoolId(), accountId);
		try {
			redirect.addFlashAttribute("added", aliases.add(user, accountId, address));
			redirect.addFlashAttribute("toast", "mail.admin.alias.added");
		} catch (InvalidInputException ex) {
			problems.flash(redirect, ex);
			redirect.addFlashAttribute("aliasAddress", address);
		}
		return "redirect:/verwaltung/mail/personen/" + accountId;
	}

	@PostMapping("/verwaltung/mail/personen/{accountId}/aliase/entfernen")
	String remove(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID accountId, @RequestParam(defaultValue = "") String address,
			@RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
		aliases.remove(user, accountId, address);
		redirect.addFlashAttribute("toast", "mail.admin.alias.removed");
		// from the overview the admin goes back there
		return "overview".equals(back) ? "redirect:/verwaltung/mail#aliase" : "redirect:/verwaltung/mail/personen/" + accountId;
	}
}
