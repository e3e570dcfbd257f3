package de.schulhaus.accounts.web;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.NewAccount;
import de.schulhaus.accounts.SignInLinks;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.TwoFactor;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/** The school admin's list of people: search, create, deactivate, reset sign-in (erasure: PersonalDataController). */
@Controller
@RequestMapping("/verwaltung/personen")
class PeopleController {

	static final List<Role> SCHOOL_ROLES = Arrays.stream(Role.values()).filter(r -> r != Role.OPERATOR).toList();

	private final AccountManagement accounts;
	private final GroupManagement groups;
	private final SignInLinks links;
	private final TwoFactor twoFactor;

	private final StorageQuotas quotas;

	PeopleController(AccountManagement accounts, GroupManagement groups, SignInLinks links, TwoFactor twoFactor, StorageQuotas quotas) {
		this.quotas = quotas;
		this.accounts = accounts;
		this.groups = groups;
		this.links = links;
		this.twoFactor = twoFactor;
	}

	@GetMapping
	String list(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String q,
			@RequestParam(required = false) Role role, @RequestParam(defaultValue = "0") int seite,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
		int page = Math.max(seite, 0);
		List<Account> people = accounts.list(user.schoolId(), q, role, 101, page * 100);
		var shown = people.size() > 100 ? people.subList(0, 100) : people;
		model.addAttribute("people", shown);
		model.addAttribute("usage", quotas.usageOfPeople(user.schoolId(), shown.stream().map(Account::id).toList()));
		model.addAttribute("hasMore", people.size() > 100);
		model.addAttribute("page", page);
		model.addAttribute("q", q);
		model.addAttribute("role", role);
		model.addAttribute("roles", SCHOOL_ROLES);
		model.addAttribute("marked", accounts.markedForDeletion(user.schoolId()).size());
		return htmx != null ? "accounts/people :: results" : "accounts/people";
	}

	@GetMapping("/neu")
	String newForm(Model model) {
		model.addAttribute("roles", SCHOOL_ROLES);
		return "accounts/person-new";
	}

	@PostMapping
	String create(@AuthenticationPrincipal SchulhausUser user, @RequestParam String firstName, @RequestParam String lastName,
			@RequestParam Role role, @RequestParam(required = false) String group, Model model, RedirectAttributes redirect) {
		try {
			Account created = accounts.create(user.schoolId(),
					new NewAccount(firstName, lastName, role, null, group == null ? List.of() : List.of(group)), user);
			redirect.addFlashAttribute("toast", "accounts.toast.personCreated");
			return "redirect:/verwaltung/personen/" + created.id();
		}
		catch (InvalidInputException e) {
			model.addAttribute("roles", SCHOOL_ROLES);
			model.addAttribute("fieldError", e);
			model.addAttribute("firstName", firstName);
			model.addAttribute("lastName", lastName);
			return "accounts/person-new";
		}
	}

	@GetMapping("/{accountId}")
	String show(@AuthenticationPrincipal SchulhausUser user, @PathVariable String accountId, Model model) {
		Account account = accounts.require(user.schoolId(), Ids.parse(accountId, "account"));
		model.addAttribute("person", account);
		model.addAttribute("storage", quotas.usageOfPerson(user.schoolId(), account.id()));
		model.addAttribute("personalQuota", quotas.personal(user.schoolId(), account.id()));
		model.addAttribute("memberships", groups.groupsOf(user.schoolId(), account.id()));
		model.addAttribute("roles", SCHOOL_ROLES);
		return "accounts/person";
	}

	@PostMapping("/{accountId}/status")
	String status(@AuthenticationPrincipal SchulhausUser user, @PathVariable String accountId, @RequestParam AccountStatus status,
			RedirectAttributes redirect) {
		UUID id = Ids.parse(accountId, "account");
		try {
			accounts.setStatus(user.schoolId(), id, status, user);
			redirect.addFlashAttribute("toast", "accounts.toast.statusChanged");
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
		}
		return "redirect:/verwaltung/personen/" + id;
	}

	@PostMapping("/{accountId}/rolle")
	String role(@AuthenticationPrincipal SchulhausUser user, @PathVariable String accountId, @RequestParam Role role,
			RedirectAttributes redirect) {
		UUID id = Ids.parse(accountId, "account");
		try {
			accounts.changeRole(user.schoolId(), id, role, user);
			redirect.addFlashAttribute("toast", "accounts.toast.roleChanged");
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
		}
		return "redirect:/verwaltung/personen/" + id;
	}

	/** New one-time sign-in link (the admin-initiated password reset); old links stop working. */
	@PostMapping("/{accountId}/anmeldelink")
	String signInLink(@AuthenticationPrincipal SchulhausUser user, @PathVariable String accountId, Model model) {
		Account account = accounts.require(user.schoolId(), Ids.parse(accountId, "account"));
		try {
			model.addAttribute("issuedLink", links.issue(account, user));
		}
		catch (InvalidInputException e) {
			model.addAttribute("toast", e.messageKey());
		}
		return show(user, accountId, model);
	}

	@PostMapping("/{accountId}/zwei-faktor-zuruecksetzen")
	String resetTwoFactor(@AuthenticationPrincipal SchulhausUser user, @PathVariable String accountId, RedirectAttributes redirect) {
		Account account = accounts.require(user.schoolId(), Ids.parse(accountId, "account"));
		twoFactor.reset(account.id(), account.login(), user);
		redirect.addFlashAttribute("toast", "accounts.toast.twoFactorReset");
		return "redirect:/verwaltung/personen/" + account.id();
	}
}
