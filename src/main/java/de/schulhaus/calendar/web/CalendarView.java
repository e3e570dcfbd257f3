package de.schulhaus.calendar.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** Month, week, day or the agenda of the next 30 days: the days each shows and where prev/next go. */
enum CalendarView {

	MONTH("monat"), WEEK("woche"), DAY("tag"), AGENDA("liste");

	static final int AGENDA_DAYS = 30;

	/** Its value of {@code ansicht} in URLs. */
	final String param;

	CalendarView(String param) {
		this.param = param;
	}

	static CalendarView of(String value) {
		for (CalendarView view : values()) {
			if (view.param.equals(value)) {
				return view;
			}
		}
		return MONTH;
	}

	/** The first day shown: Monday of the month's first week, the week's Monday, the day itself. */
	LocalDate first(LocalDate date) {
		return switch (this) {
			case MONTH -> date.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case DAY, AGENDA -> date;
		};
	}

	/** The day after the last one shown. */
	LocalDate end(LocalDate date) {
		return switch (this) {
			case MONTH -> date.with(TemporalAdjusters.lastDayOfMonth()).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)).plusDays(1);
			case WEEK -> first(date).plusWeeks(1);
			case DAY -> date.plusDays(1);
			case AGENDA -> date.plusDays(AGENDA_DAYS);
		};
	}

	LocalDate previous(LocalDate date) {
		return switch (this) {
			case MONTH -> date.minusMonths(1).withDayOfMonth(1);
			case WEEK -> date.minusWeeks(1);
			case DAY -> date.minusDays(1);
			case AGENDA -> date.minusDays(AGENDA_DAYS);
		};
	}

	LocalDate next(LocalDate date) {
		return switch (this) {
			case MONTH -> date.plusMonths(1).withDayOfMonth(1);
			case WEEK -> date.plusWeeks(1);
			case DAY -> date.plusDays(1);
			case AGENDA -> date.plusDays(AGENDA_DAYS);
		};
	}
}
