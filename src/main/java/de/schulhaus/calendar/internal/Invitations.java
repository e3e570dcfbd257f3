package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.platform.Ids;

/** Who was invited to which event by the server, where their copy is and what they answered ({@code calendar_invitation}). */
@Repository
class Invitations {

	private static final String COLUMNS = "id, school_id, event_calendar_id, event_name, uid, organizer_id, attendee_id, copy_name, partstat";

	private final JdbcClient jdbc;

	Invitations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One invitee of one event; the copy is in the calendar whose id is the invitee's account id. */
	record Invitation(UUID id, UUID schoolId, UUID calendarId, String eventName, String uid, UUID organizerId, UUID attendeeId, String copyName,
			String partstat) {
	}

	List<Invitation> ofEvent(UUID school, UUID calendar, String name) {
		return jdbc.sql("select " + COLUMNS + " from calendar_invitation where school_id = :school and event_calendar_id = :calendar and event_name = :name")
			.param("school", school).param("calendar", calendar).param("name", name).query((rs, n) -> invitation(rs)).list();
	}

	/** The invitation whose copy is this object of the invitee's personal calendar. */
	Optional<Invitation> ofCopy(UUID school, UUID attendee, String copyName) {
		return jdbc.sql("select " + COLUMNS + " from calendar_invitation where school_id = :school and attendee_id = :attendee and copy_name = :name")
			.param("school", school).param("attendee", attendee).param("name", copyName).query((rs, n) -> invitation(rs)).optional();
	}

	void insert(UUID school, UUID calendar, String name, String uid, UUID organizer, UUID attendee, String copyName, String partstat) {
		Instant now = Instant.now();
		jdbc.sql("""
				insert into calendar_invitation (id, school_id, event_calendar_id, event_name, uid, organizer_id, attendee_id, copy_name, partstat,
				created_at, updated_at) values (:id, :school, :calendar, :name, :uid, :organizer, :attendee, :copy, :partstat, :now, :now)""")
			.param("id", Ids.newId()).param("school", school).param("calendar", calendar).param("name", name).param("uid", uid)
			.param("organizer", organizer).param("attendee", attendee).param("copy", copyName).param("partstat", partstat)
			.param("now", CalendarObjects.utc(now)).update();
	}

	void answer(Invitation invitation, String partstat) {
		jdbc.sql("update calendar_invitation set partstat = :partstat, updated_at = :now where id = :id and school_id = :school")
			.param("partstat", partstat).param("now", CalendarObjects.utc(Instant.now())).param("id", invitation.id())
			.param("school", invitation.schoolId()).update();
	}

	void delete(Invitation invitation) {
		jdbc.sql("delete from calendar_invitation where id = :id and school_id = :school").param("id", invitation.id())
			.param("school", invitation.schoolId()).update();
	}

	private static Invitation invitation(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Invitation(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5),
				rs.getObject(6, UUID.class), rs.getObject(7, UUID.class), rs.getString(8), rs.getString(9));
	}
}
