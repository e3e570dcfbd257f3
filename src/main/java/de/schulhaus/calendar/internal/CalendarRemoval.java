package de.schulhaus.calendar.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.accounts.GroupsChanged;
import de.schulhaus.schools.SchoolDeleted;

/**
 * Calendars go with their owners: a deleted person's own calendars, a deleted group's calendar, all of
 * a deleted school's. An archived group keeps its calendar (read-only: {@link Calendars} decides).
 * Objects, changes and properties go with their calendar (foreign keys with cascade).
 */
@Component
class CalendarRemoval {

	private static final List<String> SCHOOL_TABLES = List.of("calendar_feed", "calendar_import", "calendar_invitation", "calendar_school_writer",
			"calendar_resource", "calendar_school_setting", "calendar");

	private final JdbcClient jdbc;

	CalendarRemoval(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(AccountsChanged event) {
		List<UUID> deleted = event.changes().stream().filter(c -> c.kind() == AccountsChanged.Kind.DELETED)
			.map(AccountsChanged.Change::accountId).toList();
		if (!deleted.isEmpty()) {
			removeOwnedBy(event.schoolId(), deleted);
		}
	}

	@ApplicationModuleListener
	void on(GroupsChanged event) {
		List<UUID> deleted = event.changes().stream().filter(c -> c.kind() == GroupsChanged.Kind.DELETED)
			.map(GroupsChanged.Change::groupId).toList();
		if (!deleted.isEmpty()) {
			removeOwnedBy(event.schoolId(), deleted);
		}
	}

	@ApplicationModuleListener
	void on(SchoolDeleted event) {
		// what does not hang on a calendar row by a foreign key goes by the school's id
		for (String table : SCHOOL_TABLES) {
			jdbc.sql("delete from " + table + " where school_id = :school").param("school", event.schoolId()).update();
		}
	}

	/** Removes the calendars of these people or groups; answers how many events went with them. */
	int removeOwnedBy(UUID school, List<UUID> owners) {
		int events = jdbc.sql("select count(*) from calendar_object o join calendar c on c.id = o.calendar_id where c.school_id = :school and c.owner_id in (:owners)")
			.param("school", school).param("owners", owners).query(Integer.class).single();
		// feeds and staged imports of these people, and those of anyone on the calendars that go now
		for (String table : List.of("calendar_feed", "calendar_import")) {
			jdbc.sql("delete from " + table + " where school_id = :school and (account_id in (:owners)"
					+ " or calendar_id in (select id from calendar where school_id = :school and owner_id in (:owners)))")
				.param("school", school).param("owners", owners).update();
		}
		jdbc.sql("delete from calendar where school_id = :school and owner_id in (:owners)").param("school", school).param("owners", owners).update();
		// chosen to write the school's calendar: the choice goes with the person or group
		jdbc.sql("delete from calendar_school_writer where school_id = :school and member_id in (:owners)").param("school", school).param("owners", owners)
			.update();
		// their invitations go too: the copies were in their personal calendars, the events in the organisers' stay as they are
		jdbc.sql("delete from calendar_invitation where school_id = :school and attendee_id in (:owners)").param("school", school).param("owners", owners)
			.update();
		return events;
	}
}
