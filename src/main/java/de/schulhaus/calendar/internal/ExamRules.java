package de.schulhaus.calendar.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * The rules of exam plans: a teacher is told when the class has an exam that day already, and where
 * the school limits exams per week (say two, as many NRW schools' rules say), one more is refused,
 * whether it comes from the page or from a calendar program.
 */
@Service
public class ExamRules {

	static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

	private final JdbcClient jdbc;
	private final AuditLog audit;

	ExamRules(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** One more exam would pass the school's limit for the week. */
	public static class TooMany extends RuntimeException {

		private final int limit;
		private final List<String> others;

		TooMany(int limit, List<String> others) {
			super("the class has " + others.size() + " exams in that week already, the school allows " + limit + ": " + String.join(", ", others));
			this.limit = limit;
			this.others = others;
		}

		public int limit() {
			return limit;
		}

		/** The titles of the week's exams. */
		public List<String> others() {
			return others;
		}
	}

	/** The most exams a class may have in one week, or null for no limit. */
	public Integer maxPerWeek(UUID school) {
		return jdbc.sql("select max_exams_per_week from calendar_school_setting where school_id = :school").param("school", school)
			.query((rs, n) -> {
				int max = rs.getInt(1);
				return rs.wasNull() ? null : max;
			}).optional().orElse(null);
	}

	@Transactional
	public void setMaxPerWeek(SchulhausUser admin, Integer max) {
		if (admin.role() != Role.SCHOOL_ADMIN || admin.schoolId() == null) {
			throw new NotFoundException("settings");
		}
		if (max != null && (max < 1 || max > 10)) {
			throw new InvalidInputException("max", "calendar.exams.error.max");
		}
		var now = CalendarObjects.utc(Instant.now());
		int updated = jdbc.sql("update calendar_school_setting set max_exams_per_week = :max, updated_at = :now where school_id = :school")
			.param("max", max).param("now", now).param("school", admin.schoolId()).update();
		if (updated == 0) {
			jdbc.sql("insert into calendar_school_setting (school_id, max_exams_per_week, updated_at) values (:school, :max, :now)")
				.param("max", max).param("now", now).param("school", admin.schoolId()).update();
		}
		audit.record(admin, "calendar.exams.limit", admin.schoolId().toString(), max == null ? "none" : String.valueOf(max));
	}

	/** The titles of the other exams of this plan on the same day as {@code start} (school time). */
	public List<String> sameDay(Calendar exams, Instant start, String exceptName) {
		LocalDate day = start.atZone(ZONE).toLocalDate();
		return titles(exams, day, day.plusDays(1), exceptName);
	}

	/** Refuses an exam beyond the school's weekly limit; called in the transaction that stores it. */
	void check(Calendar exams, String name, CalendarObject object) {
		if (exams.kind() != CalendarKind.EXAMS || object.start() == null) {
			return;
		}
		Integer limit = maxPerWeek(exams.schoolId());
		if (limit == null) {
			return;
		}
		LocalDate monday = object.start().atZone(ZONE).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		List<String> week = titles(exams, monday, monday.plusDays(7), name);
		if (week.size() >= limit) {
			throw new TooMany(limit, week);
		}
	}

	private List<String> titles(Calendar exams, LocalDate from, LocalDate to, String exceptName) {
		return jdbc.sql("""
				select coalesce(summary, '') from calendar_object where calendar_id = :calendar and school_id = :school
				and starts_at >= :from and starts_at < :to and name <> :name order by starts_at""")
			.param("calendar", exams.id()).param("school", exams.schoolId())
			.param("from", CalendarObjects.utc(from.atStartOfDay(ZONE).toInstant())).param("to", CalendarObjects.utc(to.atStartOfDay(ZONE).toInstant()))
			.param("name", exceptName == null ? "" : exceptName)
			.query(String.class).list();
	}
}
