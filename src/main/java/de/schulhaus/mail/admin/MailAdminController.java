package de.schulhaus.mail.admin;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.mail.internal.MailAddresses;
import de.schulhaus.mail.lists.MailList;
import de.schulhaus.mail.lists.MailLists;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.SchoolManagement;

/** The school admin's overview of the school's addresses (/verwaltung is for school admins only): lists, function mailboxes, aliases. */
@Controller
class MailAdminController {

	private final MailLists lists;
	private final GroupManagement groups;
	private final FunctionMailboxes functions;
	private final Aliases aliases;
	private final AccountManagement accounts;
	private final SchoolManagement schools;
	private final Problems problems;

	MailAdminController(MailLists lists, GroupManagement groups, FunctionMailboxes functions, Aliases aliases, AccountManagement accounts,
			SchoolManagement schools, Problems problems) {
		this.lists = lists;
		this.groups = groups;
		this.functions = functions;
		this.aliases = aliases;
		this.accounts = accounts;
		this.schools = schools;
		this.problems = problems;
	}

	/** A list as the overview shows it. */
	record ListRow(MailList list, String address, Group group) {
	}

	@GetMapping("/verwaltung/mail")
	String page(@AuthenticationPrincipal SchulhausUser user, Model model) {
		String domain = schools.require(user.schoolId()).mailDomain();
		Map<UUID, Group> byId = groups.list(user.schoolId()).stream().collect(Collectors.toMap(Group::id, Function.identity()));
		List<ListRow> rows = lists.ofSchool(user.schoolId()).stream().filter(l -> byId.containsKey(l.groupId()))
			.map(l -> new ListRow(l, l.address(domain), byId.get(l.groupId()))).toList();
		model.addAttribute("domain", domain);
		model.addAttribute("lists", rows);
		model.addAttribute("functions", functions.ofSchool(user.schoolId()));
		model.addAttribute("aliases", aliases.ofSchool(user.schoolId()));
		return "mail/admin/overview";
	}

	/** Adds an alias for the person with this service address (the overview's form). */
	@PostMapping("/verwaltung/mail/aliase")
	String addAlias(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "") String login,
			@RequestParam(defaultValue = "") String address, RedirectAttributes redirect) {
		try {
			Account person = accounts.findByLogins(user.schoolId(), List.of(MailAddresses.normalize(login))).stream().findFirst()
				.orElseThrow(() -> new InvalidInputException("login", "mail.admin.error.unknownPerson", login.strip()));
			String added = aliases.add(user, person.id(), address);
			redirect.addFlashAttribute("toast", "mail.admin.alias.added");
			redirect.addFlashAttribute("added", added);
		} catch (InvalidInputException ex) {
			problems.flash(redirect, ex);
			redirect.addFlashAttribute("aliasLogin", login);
			redirect.addFlashAttribute("aliasAddress", address);
		}
		return "redirect:/verwaltung/mail#aliase";
	}
}
