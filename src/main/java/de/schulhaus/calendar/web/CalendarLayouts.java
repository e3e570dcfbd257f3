package de.schulhaus.calendar.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The occurrences laid out for the views: a month's weeks of day cells, a week's or a day's time grid, the agenda's days. */
final class CalendarLayouts {

	/** Rows of a day in the time grid: quarter hours. */
	static final int ROWS = 96;
	static final int MONTH_CHIPS = 3;
	static final int MAX_LANES = 4;

	private CalendarLayouts() {
	}

	record MonthDay(LocalDate date, boolean inMonth, boolean today, List<Chip> chips, int more) {
	}

	record MonthWeek(int number, List<MonthDay> days) {
	}

	/** An event in the time grid: from a quarter-hour row, so many rows long, in one of the day's lanes (or across all). */
	record Placed(Chip chip, int row, int span, int lane, boolean wide) {

		public String classes() {
			return chip.colourClass() + " at-" + row + " len-" + span + (wide ? " wide" : " lane-" + lane);
		}
	}

	record Column(LocalDate date, boolean today, List<Chip> allDay, List<Placed> timed, int lanes) {

		/** The start of a new event from a click on this hour: "2026-12-01T08:00". */
		public String slot(int hour) {
			return date + "T" + String.format("%02d:00", hour);
		}
	}

	record AgendaDay(LocalDate date, boolean today, List<Chip> chips) {
	}

	/** The chips of each day in [first, end), an event over several days on each of them. */
	static Map<LocalDate, List<Chip>> byDay(List<Chip> chips, LocalDate first, LocalDate end) {
		Map<LocalDate, List<Chip>> days = new LinkedHashMap<>();
		for (LocalDate day = first; day.isBefore(end); day = day.plusDays(1)) {
			days.put(day, new ArrayList<>());
		}
		for (Chip chip : chips) {
			LocalDate from = chip.firstDay().isBefore(first) ? first : chip.firstDay();
			LocalDate last = chip.lastDay();
			for (LocalDate day = from; !day.isAfter(last) && day.isBefore(end); day = day.plusDays(1)) {
				days.get(day).add(chip);
			}
		}
		return days;
	}

	static List<MonthWeek> month(List<Chip> chips, LocalDate date, LocalDate today) {
		LocalDate first = CalendarView.MONTH.first(date);
		LocalDate end = CalendarView.MONTH.end(date);
		Map<LocalDate, List<Chip>> days = byDay(chips, first, end);
		List<MonthWeek> weeks = new ArrayList<>();
		for (LocalDate monday = first; monday.isBefore(end); monday = monday.plusWeeks(1)) {
			List<MonthDay> week = new ArrayList<>();
			for (int i = 0; i < 7; i++) {
				LocalDate day = monday.plusDays(i);
				List<Chip> all = days.get(day);
				week.add(new MonthDay(day, day.getMonth() == date.getMonth(), day.equals(today), all.subList(0, Math.min(MONTH_CHIPS, all.size())),
						Math.max(0, all.size() - MONTH_CHIPS)));
			}
			weeks.add(new MonthWeek(CalendarFormats.week(monday), week));
		}
		return weeks;
	}

	static List<Column> columns(List<Chip> chips, LocalDate first, LocalDate end, LocalDate today) {
		List<Column> columns = new ArrayList<>();
		byDay(chips, first, end).forEach((day, all) -> {
			List<Chip> allDay = all.stream().filter(Chip::allDay).toList();
			List<Chip> timed = all.stream().filter(c -> !c.allDay()).toList();
			List<Placed> placed = place(day, timed);
			int lanes = placed.stream().mapToInt(p -> p.lane() + 1).max().orElse(1);
			columns.add(new Column(day, day.equals(today), allDay, placed, lanes));
		});
		return columns;
	}

	/** Greedy lanes within each group of overlapping events; an event that overlaps nothing spans the day's width. */
	static List<Placed> place(LocalDate day, List<Chip> timed) {
		LocalDateTime dayStart = day.atStartOfDay();
		List<int[]> spans = new ArrayList<>();
		for (Chip chip : timed) {
			LocalDateTime from = chip.localStart().isBefore(dayStart) ? dayStart : chip.localStart();
			LocalDateTime to = chip.localEnd().isAfter(dayStart.plusDays(1)) ? dayStart.plusDays(1) : chip.localEnd();
			int row = (int) Math.min(ROWS - 1, ChronoUnit.MINUTES.between(dayStart, from) / 15);
			int rowEnd = (int) Math.min(ROWS, (ChronoUnit.MINUTES.between(dayStart, to) + 14) / 15);
			spans.add(new int[] { row, Math.max(row + 1, rowEnd) });
		}
		List<Placed> placed = new ArrayList<>();
		List<Integer> laneEnds = new ArrayList<>();
		int groupEnd = -1;
		int groupStart = 0;
		for (int i = 0; i < timed.size(); i++) {
			int[] span = spans.get(i);
			if (span[0] >= groupEnd) {
				laneEnds.clear();
				groupStart = i;
			}
			int lane = 0;
			while (lane < laneEnds.size() && laneEnds.get(lane) > span[0]) {
				lane++;
			}
			lane = Math.min(lane, MAX_LANES - 1);
			if (lane == laneEnds.size()) {
				laneEnds.add(span[1]);
			}
			else {
				laneEnds.set(lane, Math.max(laneEnds.get(lane), span[1]));
			}
			groupEnd = Math.max(groupEnd, span[1]);
			placed.add(new Placed(timed.get(i), span[0], span[1] - span[0], lane, false));
			if (i == groupStart && (i + 1 >= timed.size() || spans.get(i + 1)[0] >= span[1])) {
				placed.set(i, new Placed(timed.get(i), span[0], span[1] - span[0], 0, true));
			}
		}
		return placed;
	}

	static List<AgendaDay> agenda(List<Chip> chips, LocalDate first, LocalDate end, LocalDate today) {
		List<AgendaDay> days = new ArrayList<>();
		byDay(chips, first, end).forEach((day, all) -> {
			if (!all.isEmpty()) {
				days.add(new AgendaDay(day, day.equals(today), all));
			}
		});
		return days;
	}
}
