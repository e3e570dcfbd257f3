package de.schulhaus.contacts.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.schools.SchoolDeleted;

/**
 * A person's address books go with their account, a school's with the school (cards, changes and
 * properties by cascade), and the directory's sync snapshots with them.
 * Delivered through the event registry, so a node dying half-way leaves the work to the next one.
 */
@Component
class ContactsRemoval {

	private final JdbcClient jdbc;
	private final DirectorySnapshots snapshots;

	ContactsRemoval(JdbcClient jdbc, DirectorySnapshots snapshots) {
		this.jdbc = jdbc;
		this.snapshots = snapshots;
	}

	@ApplicationModuleListener
	void on(AccountsChanged event) {
		List<UUID> deleted = event.changes().stream().filter(c -> c.kind() == AccountsChanged.Kind.DELETED)
			.map(AccountsChanged.Change::accountId).toList();
		if (!deleted.isEmpty()) {
			removeBooks(event.schoolId(), deleted);
			snapshots.removeViewers(event.schoolId(), deleted);
		}
	}

	@ApplicationModuleListener
	void on(SchoolDeleted event) {
		jdbc.sql("delete from contact_book where school_id = :school").param("school", event.schoolId()).update();
		jdbc.sql("delete from contact_directory_policy where school_id = :school").param("school", event.schoolId()).update();
		snapshots.removeSchool(event.schoolId());
	}

	/** Removes these people's books in the caller's transaction; answers how many cards went with them. */
	long removeBooks(UUID school, List<UUID> owners) {
		long cards = jdbc.sql("select count(*) from contact_card c join contact_book b on b.id = c.book_id "
				+ "where b.school_id = :school and b.owner_id in (:owners)")
			.param("school", school).param("owners", owners).query(Long.class).single();
		jdbc.sql("delete from contact_book where school_id = :school and owner_id in (:owners)")
			.param("school", school).param("owners", owners).update();
		return cards;
	}
}
