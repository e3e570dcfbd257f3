package de.schulhaus.accounts.web;

import java.util.List;

import org.springframework.stereotype.Component;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.SearchProvider;

/**
 * People and groups in the global search. Staff of the school find colleagues and pupils (the
 * school directory); pupils find only their own groups, not other pupils (data protection).
 */
@Component
class PeopleSearch implements SearchProvider {

	private final AccountManagement accounts;
	private final GroupManagement groups;

	PeopleSearch(AccountManagement accounts, GroupManagement groups) {
		this.accounts = accounts;
		this.groups = groups;
	}

	@Override
	public String sectionKey() {
		return "accounts.search.people";
	}

	@Override
	public List<SearchHit> search(SchulhausUser user, String query, int limit) {
		if (user.schoolId() == null) {
			return List.of();
		}
		if (user.is(Role.PUPIL) || user.is(Role.EXTERN)) {
			String lower = query.toLowerCase();
			return groups.groupsOf(user.schoolId(), user.accountId()).stream()
				.filter(m -> m.groupName().toLowerCase().contains(lower))
				.map(m -> new SearchHit(m.groupName(), "", "/"))
				.limit(limit).toList();
		}
		boolean admin = user.is(Role.SCHOOL_ADMIN);
		return accounts.list(user.schoolId(), query, null, limit, 0).stream()
			.map(a -> new SearchHit(a.lastName() + ", " + a.firstName(), a.login(),
					admin ? "/verwaltung/personen/" + a.id() : "mailto:" + a.login()))
			.toList();
	}
}
