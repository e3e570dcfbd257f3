package de.schulhaus.accounts.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Membership;
import de.schulhaus.accounts.SignInLinks;
import de.schulhaus.accounts.imports.SignInLetters;
import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.SchoolManagement;

/**
 * Printable sign-in letters (PDF, one page per person, by class) with a fresh one-time link each,
 * for everybody who has not chosen a password yet — of the whole school or of one group.
 */
@Controller
class LettersController {

	private final AccountRepository accounts;
	private final GroupManagement groups;
	private final SignInLinks links;
	private final SchoolManagement schools;
	private final AuditLog audit;
	private final de.schulhaus.accounts.internal.GroupRepository groupNames;

	LettersController(AccountRepository accounts, GroupManagement groups, SignInLinks links, SchoolManagement schools, AuditLog audit,
			de.schulhaus.accounts.internal.GroupRepository groupNames) {
		this.groupNames = groupNames;
		this.accounts = accounts;
		this.groups = groups;
		this.links = links;
		this.schools = schools;
		this.audit = audit;
	}

	@PostMapping("/verwaltung/briefe")
	@Transactional
	void school(@AuthenticationPrincipal SchulhausUser user, HttpServletResponse response) throws IOException {
		write(user, accounts.awaitingFirstSignIn(user.schoolId()), "anmeldebriefe.pdf", response, "/verwaltung/personen");
	}

	@PostMapping("/verwaltung/gruppen/{groupId}/briefe")
	@Transactional
	void group(@AuthenticationPrincipal SchulhausUser user, @PathVariable String groupId, HttpServletResponse response) throws IOException {
		UUID id = Ids.parse(groupId, "group");
		var members = groups.members(user.schoolId(), id).stream().map(Membership::accountId).toList();
		var waiting = accounts.awaitingFirstSignIn(user.schoolId()).stream().filter(a -> members.contains(a.id())).toList();
		write(user, waiting, "anmeldebriefe-" + groups.require(user.schoolId(), id).name().replaceAll("[^A-Za-z0-9-]", "") + ".pdf", response,
				"/verwaltung/gruppen/" + id);
	}

	/**
	 * One person's letter with a fresh sign-in link, for the office to hand over: the printable form
	 * of an admin's password reset. Earlier unused links of the person stop working.
	 */
	@PostMapping("/verwaltung/personen/{accountId}/brief")
	@Transactional
	void person(@AuthenticationPrincipal SchulhausUser user, @PathVariable String accountId, HttpServletResponse response)
			throws IOException {
		Account person = accounts.find(user.schoolId(), Ids.parse(accountId, "account"))
			.orElseThrow(() -> new NotFoundException("account"));
		if (!person.active()) {
			response.sendRedirect("/verwaltung/personen/" + person.id() + "?inaktiv");
			return;
		}
		write(user, List.of(person), "anmeldebrief-" + person.login().replaceAll("@.*", "").replaceAll("[^A-Za-z0-9.-]", "") + ".pdf",
				response, "/verwaltung/personen/" + person.id());
	}

	private void write(SchulhausUser user, List<Account> everybody, String fileName, HttpServletResponse response, String back)
			throws IOException {
		// admins get no links: another admin or the operator resets them
		List<Account> people = everybody.stream().filter(SignInLinks::allowedFor).toList();
		if (people.isEmpty()) {
			// nothing to print: say so on the page the admin came from
			response.sendRedirect(back + "?keineBriefe");
			return;
		}
		String schoolName = schools.require(user.schoolId()).name();
		List<SignInLetters.Letter> letters = new ArrayList<>();
		var mainGroups = groupNames.mainGroupNames(user.schoolId());
		for (Account a : people) {
			String group = mainGroups.get(a.id());
			var link = links.issue(a, user);
			letters.add(new SignInLetters.Letter(schoolName, group, a.displayName(), a.login(), link.url(), link.expiresAt()));
		}
		audit.record(user, "letters.printed", fileName, String.valueOf(letters.size()));
		response.setContentType("application/pdf");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
		response.setHeader("Cache-Control", "no-store");
		SignInLetters.write(letters, LocaleContextHolder.getLocale(), response.getOutputStream());
	}
}
