package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/** The school's bookable rooms and equipment, kept by its admins; everyone of the school sees and books them. */
@Service
public class Rooms {

	public enum Kind {
		ROOM, EQUIPMENT;

		public String column() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** A bookable resource; its iCalendar address is {@link #address()}. */
	public record Room(UUID id, UUID schoolId, String name, Kind kind, Integer capacity, String description) {

		/** How events name it as an attendee: {@code ATTENDEE;CUTYPE=ROOM;CN=…:urn:uuid:…}. */
		public String address() {
			return "urn:uuid:" + id;
		}
	}

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final RoomRemoval removal;

	Rooms(JdbcClient jdbc, AuditLog audit, RoomRemoval removal) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.removal = removal;
	}

	public List<Room> list(UUID school) {
		return jdbc.sql("select id, school_id, name, kind, capacity, description from calendar_resource where school_id = :school order by kind desc, name")
			.param("school", school).query((rs, n) -> room(rs)).list();
	}

	public Optional<Room> find(UUID school, UUID id) {
		return jdbc.sql("select id, school_id, name, kind, capacity, description from calendar_resource where school_id = :school and id = :id")
			.param("school", school).param("id", id).query((rs, n) -> room(rs)).optional();
	}

	@Transactional
	public Room create(SchulhausUser admin, String name, Kind kind, Integer capacity, String description) {
		requireAdmin(admin);
		Room room = new Room(Ids.newId(), admin.schoolId(), valid(name), kind, capacity(capacity), description(description));
		try {
			jdbc.sql("""
					insert into calendar_resource (id, school_id, name, kind, capacity, description, created_at)
					values (:id, :school, :name, :kind, :capacity, :description, :now)""")
				.param("id", room.id()).param("school", room.schoolId()).param("name", room.name()).param("kind", kind.column())
				.param("capacity", room.capacity()).param("description", room.description()).param("now", CalendarObjects.utc(Instant.now()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputException("name", "calendar.rooms.error.nameTaken");
		}
		audit.record(admin, "calendar.room.created", room.id().toString(), room.name());
		return room;
	}

	/**
	 * Renames a room or changes its places and description. Events that booked it keep the name they were
	 * written with (their text is the booker's); the occupancy page and new bookings use the new one.
	 */
	@Transactional
	public Room update(SchulhausUser admin, UUID id, String name, Integer capacity, String description) {
		requireAdmin(admin);
		Room room = find(admin.schoolId(), id).orElseThrow(() -> new NotFoundException("room"));
		Room changed = new Room(room.id(), room.schoolId(), valid(name), room.kind(), capacity(capacity), description(description));
		try {
			jdbc.sql("update calendar_resource set name = :name, capacity = :capacity, description = :description where school_id = :school and id = :id")
				.param("name", changed.name()).param("capacity", changed.capacity()).param("description", changed.description())
				.param("school", admin.schoolId()).param("id", id).update();
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputException("name", "calendar.rooms.error.nameTaken");
		}
		audit.record(admin, "calendar.room.changed", room.id().toString(), changed.name());
		return changed;
	}

	/**
	 * Deletes a room. The events that booked it stay in their calendars without it, and their bookers hear of it
	 * ({@link RoomRemoval}); nothing points to the room afterwards.
	 */
	@Transactional
	public void delete(SchulhausUser admin, UUID id) {
		requireAdmin(admin);
		Room room = find(admin.schoolId(), id).orElseThrow(() -> new NotFoundException("room"));
		// the row locked first: a booking checked at the same moment waits, then finds the room gone
		jdbc.sql("select id from calendar_resource where school_id = :school and id = :id for update").param("school", admin.schoolId()).param("id", id)
			.query(UUID.class).list();
		removal.releaseEvents(room, Instant.now());
		jdbc.sql("delete from calendar_resource where school_id = :school and id = :id").param("school", admin.schoolId()).param("id", id).update();
		audit.record(admin, "calendar.room.deleted", room.id().toString(), room.name());
	}

	private static void requireAdmin(SchulhausUser person) {
		if (person.role() != Role.SCHOOL_ADMIN || person.schoolId() == null) {
			throw new NotFoundException("room");
		}
	}

	private static String valid(String name) {
		String n = name == null ? "" : name.strip();
		if (n.isEmpty() || n.length() > 120) {
			throw new InvalidInputException("name", "calendar.rooms.error.name");
		}
		return n;
	}

	private static Integer capacity(Integer capacity) {
		if (capacity != null && (capacity < 1 || capacity > 10_000)) {
			throw new InvalidInputException("capacity", "calendar.rooms.error.capacity");
		}
		return capacity;
	}

	private static String description(String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		if (description.length() > 1000) {
			throw new InvalidInputException("description", "calendar.rooms.error.description");
		}
		return description.strip();
	}

	private static Room room(java.sql.ResultSet rs) throws java.sql.SQLException {
		int capacity = rs.getInt(5);
		return new Room(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), Kind.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
				rs.wasNull() ? null : capacity, rs.getString(6));
	}
}
