package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.PersonGroup;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * Which calendars a person sees and may change, decided from the roster at every request: a pupil who
 * changes class sees the new class's calendar at once and no longer the old one. The person's own
 * calendar has the account's id, a group's the group's, the school's the school's; their rows appear
 * at the first change, so a school of 2,000 groups stores nothing for calendars nobody uses. The school's
 * calendar is written by school admins and the teachers and staff they chose ({@link SchoolCalendarWriters}).
 */
@Service
public class Calendars {

	public static final String PERSONAL_SLUG = "persoenlich";
	public static final String SCHOOL_SLUG = "schule";
	/** The exam plan of a group is at {@code klausuren-<group id>}. */
	public static final String EXAMS_PREFIX = "klausuren-";
	static final List<String> ALL_COMPONENTS = List.of("VEVENT", "VTODO");
	/** Names in the CalDAV home that are no calendar of the person's: the scheduling inbox and outbox (RFC 6638). */
	public static final String INBOX = "inbox";
	public static final String OUTBOX = "outbox";
	private static final java.util.Set<String> RESERVED_SLUGS = java.util.Set.of(PERSONAL_SLUG, SCHOOL_SLUG, INBOX, OUTBOX);

	private final JdbcClient jdbc;
	private final GroupManagement groups;
	private final TransactionTemplate own;
	private final CalendarProperties properties;
	private final SchoolCalendarWriters writers;

	Calendars(JdbcClient jdbc, GroupManagement groups, PlatformTransactionManager transactions, CalendarProperties properties,
			SchoolCalendarWriters writers) {
		this.jdbc = jdbc;
		this.groups = groups;
		this.properties = properties;
		this.writers = writers;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	private record Row(UUID id, CalendarKind kind, UUID ownerId, String slug, String name, String color, String description, String components,
			long revision, Instant updated) {
	}

	/**
	 * The person's calendars first (their own default one, then those they made), the school's, their groups' by name.
	 * Two queries whatever the school's size: the person's groups (with kind and archived flag) and the calendar rows.
	 */
	public List<Calendar> visibleTo(SchulhausUser person) {
		return visibleTo(requireSchool(person), person.accountId(), person.role());
	}

	/** {@link #visibleTo(SchulhausUser)} for another person of the school: whose busy times a free/busy look-up reads. */
	public List<Calendar> visibleTo(UUID school, UUID accountId, Role role) {
		List<PersonGroup> memberships = groups.groupsOfPerson(school, accountId);
		List<UUID> ids = new ArrayList<>();
		ids.add(school);
		memberships.forEach(m -> {
			ids.add(m.groupId());
			ids.add(examsId(m.groupId()));
		});
		Map<UUID, Row> rows = new HashMap<>();
		jdbc.sql("""
				select id, owner_kind, owner_id, slug, name, color, description, components, revision, updated_at from calendar
				where school_id = :school and (owner_id = :person or id in (:ids))""")
			.param("school", school).param("person", accountId).param("ids", ids)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), CalendarKind.of(rs.getString(2)), rs.getObject(3, UUID.class), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getObject(10, java.time.OffsetDateTime.class).toInstant()))
			.list().forEach(r -> rows.put(r.id(), r));
		List<Calendar> calendars = new ArrayList<>();
		Row own = rows.get(accountId);
		calendars.add(own != null ? calendar(own, school, true, false)
				: new Calendar(accountId, school, CalendarKind.PERSON, accountId, PERSONAL_SLUG, "Persönlich", null, null,
						ALL_COMPONENTS, 0, true, false, false, Instant.EPOCH));
		rows.values().stream()
			.filter(r -> r.kind() == CalendarKind.PERSON && r.ownerId().equals(accountId) && !r.id().equals(accountId))
			.sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
			.forEach(r -> calendars.add(calendar(r, school, true, true)));
		boolean admin = role == Role.SCHOOL_ADMIN;
		// besides the school admins, the teachers and staff they chose (themselves or by a group)
		boolean schoolWritable = admin || SchoolCalendarWriters.staff(role)
				&& writers.designated(school, accountId, memberships.stream().map(PersonGroup::groupId).toList());
		Row schoolRow = rows.get(school);
		calendars.add(schoolRow != null ? calendar(schoolRow, school, schoolWritable, false)
				: new Calendar(school, school, CalendarKind.SCHOOL, school, SCHOOL_SLUG, "Schule", null, null, List.of("VEVENT"), 0, schoolWritable, false,
						false, Instant.EPOCH));
		boolean pupil = role == Role.PUPIL || role == Role.EXTERN;
		memberships.stream()
			.sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
			.forEach(group -> {
				boolean writable = !group.archived() && (admin || group.leader() || !pupil);
				Row row = rows.get(group.groupId());
				calendars.add(row != null ? calendar(new Row(row.id(), row.kind(), row.ownerId(), row.slug(), group.name(), row.color(), row.description(),
						row.components(), row.revision(), row.updated()), school, writable, false)
						: new Calendar(group.groupId(), school, CalendarKind.GROUP, group.groupId(), group.groupId().toString(), group.name(), null, null,
								ALL_COMPONENTS, 0, writable, false, false, Instant.EPOCH));
				if (group.kind() == GroupKind.CLASS || group.kind() == GroupKind.COURSE) {
					// pupils never write the exam plan, whatever the group's pupils may do elsewhere
					boolean examsWritable = !group.archived() && (admin || (!pupil && (group.leader() || role == Role.TEACHER)));
					UUID examsId = examsId(group.groupId());
					Row exams = rows.get(examsId);
					String name = "Klausurplan " + group.name();
					calendars.add(exams != null ? calendar(new Row(exams.id(), exams.kind(), exams.ownerId(), exams.slug(), name, exams.color(),
							exams.description(), exams.components(), exams.revision(), exams.updated()), school, examsWritable, false)
							: new Calendar(examsId, school, CalendarKind.EXAMS, group.groupId(), EXAMS_PREFIX + group.groupId(), name, null, null,
									List.of("VEVENT"), 0, examsWritable, false, false, Instant.EPOCH));
				}
			});
		return calendars;
	}

	/**
	 * A person's own default calendar (its id is the account's), as the server's scheduling writes into it:
	 * only for invitations, never for anything the person did not ask for.
	 */
	public Calendar personal(UUID school, UUID account) {
		return jdbc.sql("select name, color, description, components, revision, updated_at from calendar where id = :id and school_id = :school")
			.param("id", account).param("school", school)
			.query((rs, n) -> new Calendar(account, school, CalendarKind.PERSON, account, PERSONAL_SLUG, rs.getString(1), rs.getString(2), rs.getString(3),
					Arrays.asList(rs.getString(4).split(",")), rs.getLong(5), true, false, true, rs.getObject(6, java.time.OffsetDateTime.class).toInstant()))
			.optional()
			.orElseGet(() -> new Calendar(account, school, CalendarKind.PERSON, account, PERSONAL_SLUG, "Persönlich", null, null, ALL_COMPONENTS, 0, true,
					false, false, Instant.EPOCH));
	}

	/**
	 * A stored calendar by id, for the server's scheduling, which writes an answer into the organiser's event
	 * wherever the organiser keeps it; never for a person's request.
	 */
	Optional<Calendar> stored(UUID school, UUID id) {
		return jdbc.sql("""
				select id, owner_kind, owner_id, slug, name, color, description, components, revision, updated_at from calendar
				where id = :id and school_id = :school""")
			.param("id", id).param("school", school)
			.query((rs, n) -> calendar(new Row(rs.getObject(1, UUID.class), CalendarKind.of(rs.getString(2)), rs.getObject(3, UUID.class), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9),
					rs.getObject(10, java.time.OffsetDateTime.class).toInstant()), school, true, false))
			.optional();
	}

	/** The id of a group's exam plan, derived from the group's so that finding it costs no look-up. */
	public static UUID examsId(UUID group) {
		return UUID.nameUUIDFromBytes(("schulhaus-exams:" + group).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	/** A calendar by its slug (or id), if the person sees it. */
	public Optional<Calendar> find(SchulhausUser person, String slugOrId) {
		return visibleTo(person).stream().filter(c -> c.slug().equals(slugOrId) || c.id().toString().equalsIgnoreCase(slugOrId)).findFirst();
	}

	private static Calendar calendar(Row row, UUID school, boolean writable, boolean removable) {
		return new Calendar(row.id(), school, row.kind(), row.ownerId(), row.slug(), row.name(), row.color(), row.description(),
				Arrays.asList(row.components().split(",")), row.revision(), writable, removable, true, row.updated());
	}

	/** Makes a further calendar of the person's own (a client's MKCALENDAR). */
	@Transactional
	public Calendar create(SchulhausUser person, String slug, String name, String color, String description, List<String> components,
			List<de.schulhaus.dav.DeadProperty> others) {
		UUID school = requireSchool(person);
		if (RESERVED_SLUGS.contains(slug) || slug.length() > 255) {
			throw new IllegalArgumentException("that name is taken");
		}
		UUID id = Ids.newId();
		Instant now = Instant.now();
		try {
			jdbc.sql("""
					insert into calendar (id, school_id, owner_kind, owner_id, slug, name, color, description, components, revision, created_at, updated_at)
					values (:id, :school, 'person', :owner, :slug, :name, :color, :description, :components, 0, :now, :now)""")
				.param("id", id).param("school", school).param("owner", person.accountId()).param("slug", slug).param("name", name)
				.param("color", color).param("description", description).param("components", String.join(",", components)).param("now", CalendarObjects.utc(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new IllegalArgumentException("that name is taken");
		}
		properties.patch(id, others, List.of());
		return new Calendar(id, school, CalendarKind.PERSON, person.accountId(), slug, name, color, description, components, 0, true, true, true, now);
	}

	/**
	 * Makes the row of a calendar that has none yet (a group's, the school's, a person's default one) in a
	 * transaction of its own, before the change that needs it: when two first changes meet, the second
	 * insert fails alone and finds the row.
	 */
	void store(Calendar calendar) {
		if (calendar.stored()) {
			return;
		}
		try {
			own.executeWithoutResult(status -> insert(calendar));
		}
		catch (DuplicateKeyException ex) {
			// made by a concurrent first change
		}
	}

	private void insert(Calendar calendar) {
		Instant now = Instant.now();
		jdbc.sql("""
				insert into calendar (id, school_id, owner_kind, owner_id, slug, name, color, description, components, revision, created_at, updated_at)
				select :id, :school, :kind, :owner, :slug, :name, null, null, :components, 0, :now, :now from (values (1)) as one (x)
				where not exists (select 1 from calendar where id = :id)""")
			.param("id", calendar.id()).param("school", calendar.schoolId()).param("kind", calendar.kind().column())
			.param("owner", calendar.ownerId()).param("slug", calendar.slug()).param("name", calendar.name())
			.param("components", String.join(",", calendar.components())).param("now", CalendarObjects.utc(now))
			.update();
	}

	/**
	 * A PROPPATCH on a calendar, all or nothing: name, colour and description (null leaves one as it is,
	 * "" clears colour and description), the rest as the client's own properties.
	 */
	@Transactional
	public void patch(Calendar calendar, String name, String color, String description, List<de.schulhaus.dav.DeadProperty> set,
			List<javax.xml.namespace.QName> remove) {
		describe(calendar, name, color, description);
		properties.patch(calendar.id(), set, remove);
	}

	/** Sets name, colour and description (null leaves one as it is, "" clears colour and description). */
	public void describe(Calendar calendar, String name, String color, String description) {
		store(calendar);
		jdbc.sql("""
				update calendar set name = coalesce(:name, name), color = nullif(coalesce(:color, color), ''),
				description = nullif(coalesce(:description, description), ''), updated_at = :now where id = :id and school_id = :school""")
			.param("name", name).param("color", color).param("description", description).param("now", CalendarObjects.utc(Instant.now()))
			.param("id", calendar.id()).param("school", calendar.schoolId())
			.update();
	}

	@Transactional
	public void delete(Calendar calendar) {
		if (!calendar.removable()) {
			throw new IllegalStateException("this calendar cannot be deleted");
		}
		jdbc.sql("delete from calendar where id = :id and school_id = :school").param("id", calendar.id()).param("school", calendar.schoolId()).update();
	}

	private static UUID requireSchool(SchulhausUser person) {
		if (person.schoolId() == null) {
			throw new IllegalArgumentException("calendars belong to a school");
		}
		return person.schoolId();
	}
}
