package de.schulhaus.calendar.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import de.schulhaus.platform.Ids;

/**
 * Rooms and equipment booked by events: an event that names a resource of the school as an attendee
 * ({@code ATTENDEE;CUTYPE=ROOM:urn:uuid:<id>}) books it for each of its instances. The check and the
 * booking run in the transaction that stores the event, after the resource's row is locked, so two
 * people booking the same slot at the same moment are served one after the other and the second is
 * refused; nothing of the refused event is stored.
 */
@Service
public class Bookings {

	/** How far ahead a recurring event books: a school year and a bit. */
	static final Duration HORIZON = Duration.ofDays(400);
	static final int MAX_INSTANCES = 500;

	private final JdbcClient jdbc;

	Bookings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A booked span, with what booked it. */
	public record Booking(UUID id, UUID resourceId, String resourceName, Instant start, Instant end, String title, UUID bookedBy, UUID calendarId,
			String objectName) {
	}

	/** The resource is booked already for a span the event needs. */
	public static class Conflict extends RuntimeException {

		private final Booking existing;
		private final Instant start;
		private final Instant end;

		Conflict(Booking existing, Instant start, Instant end) {
			super(existing.resourceName() + " is booked from " + existing.start() + " to " + existing.end()
					+ (existing.title() == null ? "" : " (" + existing.title() + ")"));
			this.existing = existing;
			this.start = start;
			this.end = end;
		}

		/** The booking in the way. */
		public Booking existing() {
			return existing;
		}

		/** The span the refused event wanted. */
		public Instant start() {
			return start;
		}

		public Instant end() {
			return end;
		}
	}

	/** The bookings of a resource that meet [from, to), by start. */
	public List<Booking> of(UUID school, UUID resource, Instant from, Instant to) {
		return jdbc.sql("""
				select b.id, b.resource_id, r.name, b.starts_at, b.ends_at, b.title, b.booked_by, b.calendar_id, b.object_name
				from calendar_booking b join calendar_resource r on r.id = b.resource_id
				where b.school_id = :school and b.resource_id = :resource and b.starts_at < :to and b.ends_at > :from order by b.starts_at""")
			.param("school", school).param("resource", resource).param("from", CalendarObjects.utc(from)).param("to", CalendarObjects.utc(to))
			.query((rs, n) -> booking(rs)).list();
	}

	/**
	 * Books what the event names for its instances, replacing what it booked before; in the caller's
	 * transaction. Resources of other schools and unknown ids are ignored like any attendee outside.
	 * An instance changed on its own (RECURRENCE-ID) books the resources it names itself, so one date of
	 * a series can have a room of its own; one that names no attendee at all keeps the series'.
	 */
	void book(Calendar calendar, String name, CalendarObject object, UUID actor) {
		release(calendar, name);
		Set<UUID> named = resourcesNamed(object.text());
		if (named.isEmpty()) {
			return;
		}
		List<Need> needs = null;
		for (UUID resource : named) {
			// the lock: bookings of one resource are checked one after the other, on every node
			List<String> found = jdbc.sql("select name from calendar_resource where id = :id and school_id = :school for update")
				.param("id", resource).param("school", calendar.schoolId()).query(String.class).list();
			if (found.isEmpty()) {
				continue;
			}
			if (needs == null) {
				needs = needs(object);
			}
			List<Occurrence> instances = needs.stream().filter(n -> n.resources().contains(resource)).map(Need::instance).toList();
			if (instances.isEmpty()) {
				continue;
			}
			// the resource's other bookings over the whole span of the instances, in one query, checked here
			Instant first = instances.get(0).start();
			Instant last = instances.stream().map(Bookings::end).max(Instant::compareTo).orElseThrow();
			List<Booking> around = jdbc.sql("""
					select b.id, b.resource_id, r.name, b.starts_at, b.ends_at, b.title, b.booked_by, b.calendar_id, b.object_name
					from calendar_booking b join calendar_resource r on r.id = b.resource_id
					where b.resource_id = :resource and b.starts_at < :end and b.ends_at > :start
					and not (b.calendar_id = :calendar and b.object_name = :name)""")
				.param("resource", resource).param("start", CalendarObjects.utc(first)).param("end", CalendarObjects.utc(last))
				.param("calendar", calendar.id()).param("name", name)
				.query((rs, n) -> booking(rs)).list();
			// the room page and a refused booking show the title to the whole school: a busy-only event's stays hidden
			String title = BusyOnly.marked(object.text()) ? BusyOnly.SUMMARY : object.summary();
			for (Occurrence instance : instances) {
				Instant end = end(instance);
				var taken = around.stream().filter(b -> b.start().isBefore(end) && b.end().isAfter(instance.start())).findFirst();
				if (taken.isPresent()) {
					throw new Conflict(taken.get(), instance.start(), end);
				}
				jdbc.sql("""
						insert into calendar_booking (id, school_id, resource_id, calendar_id, object_name, starts_at, ends_at, title, booked_by, created_at)
						values (:id, :school, :resource, :calendar, :name, :start, :end, :title, :actor, :now)""")
					.param("id", Ids.newId()).param("school", calendar.schoolId()).param("resource", resource).param("calendar", calendar.id())
					.param("name", name).param("start", CalendarObjects.utc(instance.start())).param("end", CalendarObjects.utc(end))
					.param("title", title).param("actor", actor).param("now", CalendarObjects.utc(Instant.now()))
					.update();
			}
		}
	}

	/** An instance's end; one without duration holds its minute's first second. */
	private static Instant end(Occurrence instance) {
		return instance.end().equals(instance.start()) ? instance.start().plusSeconds(1) : instance.end();
	}

	/** Frees what an event booked (it was deleted or no longer names the resource). */
	void release(Calendar calendar, String name) {
		jdbc.sql("delete from calendar_booking where calendar_id = :calendar and object_name = :name")
			.param("calendar", calendar.id()).param("name", name).update();
	}

	/** An instance and the resources it books. */
	private record Need(Occurrence instance, Set<UUID> resources) {
	}

	private static List<Need> needs(CalendarObject object) {
		if (object.start() == null) {
			return List.of();
		}
		Instant to = object.start().plus(HORIZON);
		if (object.end() != null && object.end().isBefore(to)) {
			to = object.end().plusSeconds(1);
		}
		CalendarResource resource = CalendarResource.of(ICalReader.withCrlf(object.text()));
		List<Instances.Instance> found = resource.instances(object.start(), to, CalendarData.SCHOOL_ZONE, MAX_INSTANCES + 1).instances();
		if (found.size() > MAX_INSTANCES) {
			throw new InvalidCalendarData("valid-calendar-data", "A booking repeats more than " + MAX_INSTANCES + " times in " + HORIZON.toDays() + " days.");
		}
		Set<UUID> series = resource.master == null ? Set.of() : resourcesOf(resource.master);
		List<Need> needs = new ArrayList<>();
		for (Instances.Instance instance : found) {
			ICalComponent component = instance.component();
			Set<UUID> resources = component == resource.master || component.properties("ATTENDEE").isEmpty() && resource.master != null ? series
					: resourcesOf(component);
			needs.add(new Need(new Occurrence(resource.uid, instance.start(), instance.end(), instance.allDay(), null, null, instance.recurrenceId()),
					resources));
		}
		return needs;
	}

	/** The resources one component names as attendees, as {@link #resourcesNamed(String)} reads them. */
	private static Set<UUID> resourcesOf(ICalComponent component) {
		Set<UUID> ids = new LinkedHashSet<>();
		for (ICalProperty attendee : component.properties("ATTENDEE")) {
			String cutype = attendee.parameter("CUTYPE");
			if (cutype != null && !cutype.equalsIgnoreCase("ROOM") && !cutype.equalsIgnoreCase("RESOURCE")) {
				continue;
			}
			String value = attendee.value().strip();
			if (value.regionMatches(true, 0, "urn:uuid:", 0, "urn:uuid:".length())) {
				try {
					ids.add(UUID.fromString(value.substring("urn:uuid:".length())));
				}
				catch (IllegalArgumentException ex) {
					// not a resource of ours
				}
			}
		}
		return ids;
	}

	/**
	 * The resources the series names, or (with an instance's original start) those the instance books: its override's
	 * own, else the series'.
	 */
	static Set<UUID> resourcesNamed(String text, Instant instance) {
		CalendarResource resource = CalendarResource.of(ICalReader.withCrlf(text));
		if (instance != null) {
			for (ICalComponent override : resource.overrides) {
				ICalProperty recurrenceId = override.property("RECURRENCE-ID");
				if (recurrenceId != null && instance.equals(ICalValues.time(recurrenceId, resource.zones).instant(CalendarData.SCHOOL_ZONE))
						&& !override.properties("ATTENDEE").isEmpty()) {
					return resourcesOf(override);
				}
			}
		}
		return resource.master == null ? resourcesNamed(text) : resourcesOf(resource.master);
	}

	/** The {@code urn:uuid:} addresses of ATTENDEEs that are rooms or resources (or give no CUTYPE). */
	static Set<UUID> resourcesNamed(String text) {
		Set<UUID> ids = new LinkedHashSet<>();
		String unfolded = text.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "");
		for (String line : unfolded.split("\r?\n")) {
			String upper = line.toUpperCase(Locale.ROOT);
			if (!upper.startsWith("ATTENDEE")) {
				continue;
			}
			int colon = upper.lastIndexOf(":URN:UUID:");
			if (colon < 0) {
				continue;
			}
			String head = upper.substring(0, colon);
			if (head.contains("CUTYPE=") && !head.contains("CUTYPE=ROOM") && !head.contains("CUTYPE=RESOURCE")) {
				continue;
			}
			try {
				ids.add(UUID.fromString(line.substring(colon + ":URN:UUID:".length()).strip()));
			}
			catch (IllegalArgumentException ex) {
				// not a resource of ours
			}
		}
		return ids;
	}

	private static Booking booking(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Booking(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant(),
				rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6), rs.getObject(7, UUID.class), rs.getObject(8, UUID.class),
				rs.getString(9));
	}

	/** Every booking of an event, for tests and the occupancy page. */
	List<Booking> ofEvent(Calendar calendar, String name) {
		return new ArrayList<>(jdbc.sql("""
				select b.id, b.resource_id, r.name, b.starts_at, b.ends_at, b.title, b.booked_by, b.calendar_id, b.object_name
				from calendar_booking b join calendar_resource r on r.id = b.resource_id
				where b.calendar_id = :calendar and b.object_name = :name order by b.starts_at""")
			.param("calendar", calendar.id()).param("name", name).query((rs, n) -> booking(rs)).list());
	}
}
