package de.schulhaus.mail.lists;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.accounts.GroupsChanged;
import de.schulhaus.schools.SchoolDeleted;

/**
 * Keeps list addresses in step with the roster's groups. Delivered through the event registry, so a
 * node dying half-way leaves the work to the next one; {@link MailLists#follow} reads each group as it
 * is now, so a late or repeated event does no harm.
 */
@Component
class RosterListSync {

	private final MailLists lists;

	RosterListSync(MailLists lists) {
		this.lists = lists;
	}

	@ApplicationModuleListener
	void on(GroupsChanged event) {
		lists.follow(event.schoolId(), event.changes().stream().map(GroupsChanged.Change::groupId).toList());
	}

	/** A new person, or one whose name changed, may now have the address a list had: the list moves. */
	@ApplicationModuleListener
	void on(AccountsChanged event) {
		lists.yieldTo(event.schoolId(), event.changes().stream().filter(c -> c.kind() != AccountsChanged.Kind.DELETED)
			.map(AccountsChanged.Change::login).filter(java.util.Objects::nonNull).toList());
	}

	@ApplicationModuleListener
	void on(SchoolDeleted event) {
		lists.forgetSchool(event.schoolId());
	}
}
