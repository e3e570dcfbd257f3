package de.schulhaus.accounts.web;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.platform.DashboardCard;
import de.schulhaus.platform.SchulhausUser;

/** "Meine Gruppen" on the dashboard: the person's classes and courses. */
@Component
class GroupsCard implements DashboardCard {

	private final GroupManagement groups;

	GroupsCard(GroupManagement groups) {
		this.groups = groups;
	}

	@Override
	public String fragment() {
		return "accounts/cards :: groups";
	}

	@Override
	public int order() {
		return 10;
	}

	@Override
	public Optional<Map<String, Object>> model(SchulhausUser user) {
		if (user.schoolId() == null) {
			return Optional.empty();
		}
		return Optional.of(Map.of("memberships", groups.groupsOf(user.schoolId(), user.accountId())));
	}
}
