package de.schulhaus.accounts.web;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/** Classes, courses and groups of the school with their members and leaders. */
@Controller
@RequestMapping("/verwaltung/gruppen")
class GroupsController {

	private final GroupManagement groups;
	private final AccountManagement accounts;
	private final de.schulhaus.accounts.StorageQuotas quotas;

	GroupsController(GroupManagement groups, AccountManagement accounts, de.schulhaus.accounts.StorageQuotas quotas) {
		this.quotas = quotas;
		this.groups = groups;
		this.accounts = accounts;
	}

	@GetMapping
	String list(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("groups", groups.list(user.schoolId()));
		model.addAttribute("kinds", GroupKind.values());
		return "accounts/groups";
	}

	@PostMapping
	String create(@AuthenticationPrincipal SchulhausUser user, @RequestParam String name, @RequestParam GroupKind kind,
			@RequestParam(required = false) String description, Model model, RedirectAttributes redirect) {
		try {
			Group group = groups.create(user.schoolId(), name, kind, description, user);
			redirect.addFlashAttribute("toast", "accounts.toast.groupCreated");
			return "redirect:/verwaltung/gruppen/" + group.id();
		}
		catch (InvalidInputException e) {
			model.addAttribute("fieldError", e);
			return list(user, model);
		}
	}

	@GetMapping("/{groupId}")
	String show(@AuthenticationPrincipal SchulhausUser user, @PathVariable String groupId, @RequestParam(required = false) String q,
			Model model) {
		Group group = groups.require(user.schoolId(), Ids.parse(groupId, "group"));
		model.addAttribute("group", group);
		model.addAttribute("members", groups.members(user.schoolId(), group.id()));
		model.addAttribute("storage", quotas.usage(de.schulhaus.blobs.BlobOwner.group(user.schoolId(), group.id())));
		model.addAttribute("groupQuota", quotas.groupFilesMb(user.schoolId(), group.id()));
		if (q != null && !q.isBlank()) {
			model.addAttribute("candidates", accounts.list(user.schoolId(), q, null, 20, 0));
			model.addAttribute("q", q);
		}
		return "accounts/group";
	}

	@PostMapping("/{groupId}/mitglieder")
	String addMember(@AuthenticationPrincipal SchulhausUser user, @PathVariable String groupId, @RequestParam String accountId,
			@RequestParam(defaultValue = "false") boolean leader, RedirectAttributes redirect) {
		UUID gid = Ids.parse(groupId, "group");
		Account account = accounts.require(user.schoolId(), Ids.parse(accountId, "account"));
		try {
			groups.addMember(user.schoolId(), gid, account.id(), leader, user);
			redirect.addFlashAttribute("toast", "accounts.toast.memberAdded");
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
		}
		return "redirect:/verwaltung/gruppen/" + gid;
	}

	@PostMapping("/{groupId}/mitglieder/{accountId}/entfernen")
	String removeMember(@AuthenticationPrincipal SchulhausUser user, @PathVariable String groupId, @PathVariable String accountId,
			RedirectAttributes redirect) {
		UUID gid = Ids.parse(groupId, "group");
		groups.removeMember(user.schoolId(), gid, Ids.parse(accountId, "account"), user);
		redirect.addFlashAttribute("toast", "accounts.toast.memberRemoved");
		return "redirect:/verwaltung/gruppen/" + gid;
	}

	@PostMapping("/{groupId}/archiv")
	String archive(@AuthenticationPrincipal SchulhausUser user, @PathVariable String groupId,
			@org.springframework.web.bind.annotation.RequestParam(defaultValue = "true") boolean archiviert, RedirectAttributes redirect) {
		var gid = Ids.parse(groupId, "group");
		groups.archive(user.schoolId(), gid, archiviert, user);
		redirect.addFlashAttribute("toast", archiviert ? "accounts.toast.groupArchived" : "accounts.toast.groupRestored");
		return "redirect:/verwaltung/gruppen/" + gid;
	}

	@PostMapping("/{groupId}/loeschen")
	String delete(@AuthenticationPrincipal SchulhausUser user, @PathVariable String groupId, RedirectAttributes redirect) {
		groups.delete(user.schoolId(), Ids.parse(groupId, "group"), user);
		redirect.addFlashAttribute("toast", "accounts.toast.groupDeleted");
		return "redirect:/verwaltung/gruppen";
	}
}
