package de.schulhaus.calendar.internal;

import java.util.Locale;

/** Whom a calendar belongs to, and so who reads and writes it. */
public enum CalendarKind {
	/** A person's own: only they read and write it. */
	PERSON,
	/** A group's (class, course, staff group): members read, its leaders and teachers write. */
	GROUP,
	/** The school's (conferences, holidays, parents' evenings): everyone reads, school admins and the teachers and staff they chose write. */
	SCHOOL,
	/** A class's or course's exam plan: members read, the group's teachers write; {@link ExamRules} apply. */
	EXAMS;

	public String column() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static CalendarKind of(String column) {
		return valueOf(column.toUpperCase(Locale.ROOT));
	}
}
