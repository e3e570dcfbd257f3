package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.springframework.stereotype.Service;

import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/** Entering an exam into a class's plan from its page: told about the day's other exams first, refused beyond the week's limit. */
@Service
public class ExamPlans {

	private final CalendarObjects objects;
	private final ExamRules rules;
	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

	ExamPlans(CalendarObjects objects, ExamRules rules, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		this.objects = objects;
		this.rules = rules;
		this.jdbc = jdbc;
	}

	/** The class has an exam that day already; entered only when the teacher confirms. */
	public static class SameDay extends RuntimeException {

		private final List<String> others;

		SameDay(List<String> others) {
			super("exams that day: " + others);
			this.others = others;
		}

		public List<String> others() {
			return others;
		}
	}

	/** An exam as the plan lists it. */
	public record Exam(Instant start, Instant end, String title) {
	}

	/** The plan's exams from {@code from} on, by start. */
	public List<Exam> upcoming(Calendar exams, Instant from) {
		return jdbc.sql("""
				select starts_at, ends_at, coalesce(summary, '') from calendar_object
				where calendar_id = :calendar and school_id = :school and starts_at >= :from order by starts_at""")
			.param("calendar", exams.id()).param("school", exams.schoolId()).param("from", CalendarObjects.utc(from))
			.query((rs, n) -> new Exam(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(),
					rs.getObject(2, java.time.OffsetDateTime.class) == null ? null : rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
					rs.getString(3)))
			.list();
	}

	public CalendarObjects.Entry add(SchulhausUser teacher, Calendar exams, LocalDate day, LocalTime from, LocalTime to, String title,
			boolean confirmed) {
		if (exams.kind() != CalendarKind.EXAMS || !exams.writable()) {
			throw new InvalidInputException("calendar", "calendar.exams.error.notYours");
		}
		String summary = title == null ? "" : title.strip();
		if (summary.isEmpty() || summary.length() > 200) {
			throw new InvalidInputException("title", "calendar.exams.error.title");
		}
		if (day == null || from == null || to == null || !to.isAfter(from)) {
			throw new InvalidInputException("to", "calendar.exams.error.when");
		}
		String uid = SimpleEvents.uid();
		CalendarObject object = SimpleEvents.timed(uid, summary, null, day, from, to, List.of("CATEGORIES:Klassenarbeit",
				"ORGANIZER;CN=" + SimpleEvents.quoted(teacher.displayName()) + ":mailto:" + teacher.login()));
		List<String> sameDay = rules.sameDay(exams, object.start(), null);
		if (!sameDay.isEmpty() && !confirmed) {
			throw new SameDay(sameDay);
		}
		return objects.put(exams, uid + ".ics", object, teacher.accountId());
	}
}
