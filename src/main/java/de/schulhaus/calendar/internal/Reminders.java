package de.schulhaus.calendar.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Membership;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;

/**
 * Reminders in the app: the next alarm of every calendar object is kept in {@code calendar_alarm} when
 * the object is stored; {@link #ring(Instant)} notifies the people of the due ones and moves each to its
 * next instance. A reminder is for whoever sees the calendar: the owner of a personal one, the members of
 * a group (its exam plans too), everyone of the school for the school's calendar; accounts that cannot sign
 * in are left out. Hiding a calendar in the view is a setting of one browser the server cannot ask, so it
 * does not stop reminders.
 */
@Service
public class Reminders {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Reminders.class);

	/** Alarms due longer ago than this (the server was down) are skipped, not rung all at once. */
	static final Duration LATE = Duration.ofMinutes(15);
	private static final int BATCH = 200;
	private static final int MAX_ROUNDS = 50;
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

	private final JdbcClient jdbc;
	private final GroupManagement groups;
	private final AccountManagement accounts;
	private final Notifications notifications;
	private final TransactionTemplate transaction;

	Reminders(JdbcClient jdbc, GroupManagement groups, AccountManagement accounts, Notifications notifications,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.groups = groups;
		this.accounts = accounts;
		this.notifications = notifications;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** A due alarm as kept: when it rings and the instance it is for. */
	private record DueRow(UUID calendarId, String name, UUID schoolId, Instant at, Alarms.Due due) {
	}

	private record Target(CalendarKind kind, UUID ownerId, String data) {
	}

	/** Keeps the object's next alarm at or after {@code now} (none: no row), in the storing transaction. */
	void schedule(Calendar calendar, String name, String text, Instant now) {
		Optional<Alarms.Due> next = next(text, now);
		if (next.isEmpty()) {
			jdbc.sql("delete from calendar_alarm where calendar_id = :calendar and name = :name")
				.param("calendar", calendar.id()).param("name", name).update();
			return;
		}
		Alarms.Due due = next.get();
		int updated = jdbc.sql("""
				update calendar_alarm set next_at = :at, starts_at = :start, all_day = :allDay, recurrence_id = :recurrence, summary = :summary
				where calendar_id = :calendar and name = :name""")
			.params(dueParams(due)).param("calendar", calendar.id()).param("name", name).update();
		if (updated == 0) {
			jdbc.sql("""
					insert into calendar_alarm (calendar_id, name, school_id, next_at, starts_at, all_day, recurrence_id, summary)
					values (:calendar, :name, :school, :at, :start, :allDay, :recurrence, :summary)""")
				.params(dueParams(due)).param("calendar", calendar.id()).param("name", name).param("school", calendar.schoolId()).update();
		}
	}

	/**
	 * Rings the alarms due at {@code now} and moves each to its next instance; alarms due before
	 * {@code now - 15 min} are moved on without ringing. Each alarm is claimed by a conditional update of
	 * its time in the transaction that notifies, so that two nodes never ring one twice.
	 *
	 * @return how many notifications were written
	 */
	public int ring(Instant now) {
		int notified = 0;
		for (int round = 0; round < MAX_ROUNDS; round++) {
			List<DueRow> due = jdbc.sql("""
					select calendar_id, name, school_id, next_at, starts_at, all_day, summary, recurrence_id from calendar_alarm
					where next_at <= :now order by next_at
					fetch first %d rows only""".formatted(BATCH))
				.param("now", CalendarObjects.utc(now))
				.query((rs, n) -> {
					Instant at = rs.getObject(4, OffsetDateTime.class).toInstant();
					OffsetDateTime recurrence = rs.getObject(8, OffsetDateTime.class);
					return new DueRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), at,
							new Alarms.Due(at, rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getBoolean(6), rs.getString(7),
									recurrence == null ? null : recurrence.toInstant()));
				})
				.list();
			if (due.isEmpty()) {
				break;
			}
			for (DueRow row : due) {
				try {
					Integer count = transaction.execute(status -> ring(row, now));
					notified += count == null ? 0 : count;
				}
				catch (RuntimeException ex) {
					// one object that cannot be rung must not hold up the others every minute: its alarm is dropped
					log.warn("Dropped the reminder of {} in calendar {}: {}", row.name(), row.calendarId(), ex.toString());
					jdbc.sql("delete from calendar_alarm where calendar_id = :calendar and name = :name and next_at = :old")
						.param("calendar", row.calendarId()).param("name", row.name()).param("old", CalendarObjects.utc(row.at())).update();
				}
			}
		}
		return notified;
	}

	private int ring(DueRow row, Instant now) {
		Optional<Target> target = jdbc.sql("""
				select c.owner_kind, c.owner_id, o.data from calendar_object o join calendar c on c.id = o.calendar_id
				where o.calendar_id = :calendar and o.name = :name and o.school_id = :school""")
			.param("calendar", row.calendarId()).param("name", row.name()).param("school", row.schoolId())
			.query((rs, n) -> new Target(CalendarKind.of(rs.getString(1)), rs.getObject(2, UUID.class), rs.getString(3))).optional();
		Instant earliest = now.minus(LATE);
		boolean late = row.at().isBefore(earliest);
		Instant after = row.at().plusSeconds(1);
		Optional<Alarms.Due> next = target.flatMap(t -> next(t.data(), after.isBefore(earliest) ? earliest : after));
		Object old = CalendarObjects.utc(row.at());
		int claimed = next.isPresent()
				? jdbc.sql("""
						update calendar_alarm set next_at = :at, starts_at = :start, all_day = :allDay, recurrence_id = :recurrence, summary = :summary
						where calendar_id = :calendar and name = :name and next_at = :old""")
					.params(dueParams(next.get())).param("calendar", row.calendarId()).param("name", row.name()).param("old", old).update()
				: jdbc.sql("delete from calendar_alarm where calendar_id = :calendar and name = :name and next_at = :old")
					.param("calendar", row.calendarId()).param("name", row.name()).param("old", old).update();
		if (claimed == 0 || late || target.isEmpty()) {
			return 0;
		}
		Set<UUID> people = recipients(row.schoolId(), target.get());
		if (people.isEmpty()) {
			return 0;
		}
		// a busy-only event of a shared calendar: its readers learn the time, not the title
		boolean hidden = target.get().kind() != CalendarKind.PERSON && BusyOnly.marked(target.get().data());
		return notifications.notifyAll(row.schoolId(), people, notification(row, row.due(), hidden));
	}

	/** Who sees the calendar and can sign in. */
	private Set<UUID> recipients(UUID school, Target target) {
		Set<UUID> active = switch (target.kind()) {
			case PERSON -> accounts.find(school, target.ownerId()).filter(a -> a.status() == AccountStatus.ACTIVE).map(Account::id).stream()
				.collect(Collectors.toSet());
			case SCHOOL -> accounts.active(school).stream().map(Account::id).collect(Collectors.toSet());
			case GROUP, EXAMS -> {
				if (groups.find(school, target.ownerId()).isEmpty()) {
					yield Set.of();
				}
				Set<UUID> members = groups.members(school, target.ownerId()).stream().map(Membership::accountId).collect(Collectors.toSet());
				yield accounts.active(school).stream().map(Account::id).filter(members::contains).collect(Collectors.toSet());
			}
		};
		return active;
	}

	private static Notification notification(DueRow row, Alarms.Due due, boolean hidden) {
		ZonedDateTime start = due.start().atZone(CalendarData.SCHOOL_ZONE);
		ZonedDateTime at = row.at().atZone(CalendarData.SCHOOL_ZONE);
		String title = hidden ? BusyOnly.SUMMARY : due.summary() == null || due.summary().isBlank() ? "…" : due.summary();
		String link = "/kalender/" + row.calendarId() + "/termin?name=" + URLEncoder.encode(row.name(), StandardCharsets.UTF_8)
				+ (due.recurrenceId() == null ? "" : "&instanz=" + due.recurrenceId());
		if (due.allDay()) {
			return new Notification("calendar.reminder", "calendar.reminder.allDay", List.of(title, DATE.format(start)), link, row.at());
		}
		if (start.toLocalDate().equals(at.toLocalDate())) {
			return new Notification("calendar.reminder", "calendar.reminder.title", List.of(title, TIME.format(start)), link, row.at());
		}
		return new Notification("calendar.reminder", "calendar.reminder.otherDay", List.of(title, DATE.format(start), TIME.format(start)), link,
				row.at());
	}

	private static Optional<Alarms.Due> next(String text, Instant notBefore) {
		try {
			return Alarms.next(text, notBefore, CalendarData.SCHOOL_ZONE);
		}
		catch (InvalidCalendarData | DateTimeException ex) {
			// stored data was checked when it came; what still fails to expand has no reminder
			return Optional.empty();
		}
	}

	private static java.util.Map<String, Object> dueParams(Alarms.Due due) {
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		params.put("at", CalendarObjects.utc(due.at()));
		params.put("start", CalendarObjects.utc(due.start()));
		params.put("allDay", due.allDay());
		params.put("recurrence", CalendarObjects.utc(due.recurrenceId()));
		String summary = due.summary();
		params.put("summary", summary != null && summary.length() > 200 ? summary.substring(0, 200) : summary);
		return params;
	}
}
