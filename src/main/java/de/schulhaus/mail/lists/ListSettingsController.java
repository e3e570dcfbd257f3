package de.schulhaus.mail.lists;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.mail.internal.ListPolicy;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.SchoolManagement;

/** A group's leaders (and the school admin) choose who may write to the group's list address. */
@Controller
class ListSettingsController {

	private final MailLists lists;
	private final GroupManagement groups;
	private final SchoolManagement schools;

	ListSettingsController(MailLists lists, GroupManagement groups, SchoolManagement schools) {
		this.lists = lists;
		this.groups = groups;
		this.schools = schools;
	}

	@GetMapping("/mail/listen/{groupId}")
	String page(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID groupId, Model model) {
		Group group = groups.find(user.schoolId(), groupId).orElseThrow(() -> new NotFoundException("group"));
		MailList list = lists.find(user.schoolId(), groupId).orElseThrow(() -> new NotFoundException("list"));
		requireLeader(user, groupId);
		model.addAttribute("group", group);
		model.addAttribute("address", list.address(schools.require(user.schoolId()).mailDomain()));
		model.addAttribute("policy", list.policy().column());
		return "mail/lists/list";
	}

	@PostMapping("/mail/listen/{groupId}")
	String change(@AuthenticationPrincipal SchulhausUser user, @PathVariable UUID groupId, @RequestParam(defaultValue = "") String policy,
			RedirectAttributes redirect) {
		groups.find(user.schoolId(), groupId).orElseThrow(() -> new NotFoundException("group"));
		lists.find(user.schoolId(), groupId).orElseThrow(() -> new NotFoundException("list"));
		requireLeader(user, groupId);
		lists.setPolicy(user, groupId, parse(policy));
		redirect.addFlashAttribute("toast", "mail.groupList.toast.saved");
		return "redirect:/mail/listen/" + groupId;
	}

	private void requireLeader(SchulhausUser user, UUID groupId) {
		if (user.is(Role.SCHOOL_ADMIN)) {
			return;
		}
		boolean leads = groups.groupsOfPerson(user.schoolId(), user.accountId()).stream()
			.anyMatch(g -> g.groupId().equals(groupId) && g.leader());
		if (!leads) {
			throw new AccessDeniedException("only the group's leaders choose its list's policy");
		}
	}

	// the form offers only the three choices: anything else is a forged request
	private static ListPolicy parse(String value) {
		for (ListPolicy policy : ListPolicy.values()) {
			if (policy.column().equals(value)) {
				return policy;
			}
		}
		throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
	}
}
