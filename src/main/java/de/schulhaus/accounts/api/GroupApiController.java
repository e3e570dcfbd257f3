package de.schulhaus.accounts.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Membership;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.Tenancy;

/** Provisioning API for groups and memberships. */
@RestController
@RequestMapping("/api/v1/schools/{schoolId}/groups")
class GroupApiController {

	private final GroupManagement groups;

	GroupApiController(GroupManagement groups) {
		this.groups = groups;
	}

	@PostMapping
	ResponseEntity<GroupJson> create(@PathVariable String schoolId, @RequestBody CreateGroup body, @AuthenticationPrincipal SchulhausUser user) {
		UUID school = school(schoolId, user);
		GroupKind kind;
		try {
			kind = GroupKind.valueOf(body.kind() == null ? "CLASS" : body.kind().strip().toUpperCase());
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("kind", "accounts.error.groupKind");
		}
		Group group = groups.create(school, body.name(), kind, body.description(), user);
		return ResponseEntity.created(URI.create("/api/v1/schools/" + school + "/groups/" + group.id())).body(GroupJson.of(group));
	}

	@GetMapping
	List<GroupJson> list(@PathVariable String schoolId, @AuthenticationPrincipal SchulhausUser user) {
		return groups.list(school(schoolId, user)).stream().map(GroupJson::of).toList();
	}

	@GetMapping("/{groupId}/members")
	List<MemberJson> members(@PathVariable String schoolId, @PathVariable String groupId, @AuthenticationPrincipal SchulhausUser user) {
		return groups.members(school(schoolId, user), Ids.parse(groupId, "group")).stream().map(MemberJson::of).toList();
	}

	@PostMapping("/{groupId}/members")
	ResponseEntity<Void> addMember(@PathVariable String schoolId, @PathVariable String groupId, @RequestBody AddMember body,
			@AuthenticationPrincipal SchulhausUser user) {
		UUID school = school(schoolId, user);
		groups.addMember(school, Ids.parse(groupId, "group"), Ids.parse(String.valueOf(body.userId()), "user"),
				Boolean.TRUE.equals(body.leader()), user);
		return ResponseEntity.noContent().build();
	}

	/** {@code {"archived": true}} archives the group after its time, {@code false} brings it back. */
	@PostMapping("/{groupId}/archive")
	GroupJson archive(@PathVariable String schoolId, @PathVariable String groupId, @RequestBody Archive body,
			@AuthenticationPrincipal SchulhausUser user) {
		UUID school = school(schoolId, user);
		UUID group = Ids.parse(groupId, "group");
		groups.archive(school, group, body.archived() == null || body.archived(), user);
		return GroupJson.of(groups.require(school, group));
	}

	@DeleteMapping("/{groupId}/members/{userId}")
	ResponseEntity<Void> removeMember(@PathVariable String schoolId, @PathVariable String groupId, @PathVariable String userId,
			@AuthenticationPrincipal SchulhausUser user) {
		groups.removeMember(school(schoolId, user), Ids.parse(groupId, "group"), Ids.parse(userId, "user"), user);
		return ResponseEntity.noContent().build();
	}

	private static UUID school(String schoolId, SchulhausUser user) {
		UUID id = Ids.parse(schoolId, "school");
		Tenancy.requireSchoolAdmin(user, id, "school");
		return id;
	}

	record CreateGroup(String name, String kind, String description) {
	}

	record AddMember(String userId, Boolean leader) {
	}

	record Archive(Boolean archived) {
	}

	record GroupJson(UUID id, String name, String kind, String description, String source, long members, boolean archived) {

		static GroupJson of(Group g) {
			return new GroupJson(g.id(), g.name(), g.kind().name(), g.description(), g.source().name(), g.memberCount(), g.archived());
		}
	}

	record MemberJson(UUID userId, String login, String name, boolean leader) {

		static MemberJson of(Membership m) {
			return new MemberJson(m.accountId(), m.login(), m.displayName(), m.leader());
		}
	}
}
