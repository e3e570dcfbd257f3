package de.schulhaus.calendar.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.WeekDay;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Action;
import net.fortuna.ical4j.model.property.Clazz;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Version;
import net.fortuna.ical4j.model.property.DateProperty;

import de.schulhaus.calendar.internal.EventDraft.Frequency;
import de.schulhaus.calendar.internal.EventDraft.Reminder;
import de.schulhaus.calendar.internal.EventDraft.Repeat;

/**
 * The iCalendar text of events made and changed in the web's dialog, written with ical4j: a new
 * VCALENDAR with VTIMEZONE, VEVENT, RRULE and VALARM, or the stored text with only what the dialog
 * shows changed (UID kept, SEQUENCE and DTSTAMP bumped, everything else as a client left it). The
 * caller checks the result with {@link CalendarData#parse}, so the web keeps CalDAV's rules.
 */
public final class EventDrafts {

	static final String PRODID = "-//Schulhaus//Kalender//DE";

	/** An event as stored, the instance asked for shown in the dialog. */
	public record Stored(String uid, boolean recurring, EventDraft draft) {
	}

	private EventDrafts() {
	}

	public static String create(String uid, EventDraft draft, Instant now) {
		Calendar calendar = new Calendar();
		calendar.add(new ProdId(PRODID));
		calendar.add(new Version(new net.fortuna.ical4j.model.ParameterList(), Version.VALUE_2_0));
		VEvent event = new VEvent(false);
		event.add(new Uid(uid));
		event.add(new DtStamp(now));
		event.add(new Created(now));
		event.add(new Sequence(0));
		apply(event, draft.attachments() == null ? draft : draft.withAttachments(EventAttachments.fresh(draft.attachments())), Reminder.NONE);
		if (draft.repeat().repeats()) {
			event.add(new RRule<>(rule(draft)));
		}
		calendar.add(event);
		if (!draft.allDay()) {
			ICalEvents.ensureZone(calendar, draft.zone());
		}
		return ICalEvents.print(calendar);
	}

	/**
	 * The whole series (or the single event) changed. A series moves by as much as the shown instance
	 * was moved in the dialog, so moving Tuesday's lesson from 08:00 to 09:00 moves every one to 09:00.
	 *
	 * The dialog showed the series on the wall clock of its zone; a new zone keeps the wall clock (10:00 stays 10:00, now in New York).
	 *
	 * @param shown the original start of the instance the dialog showed; null when it showed the first
	 */
	public static String update(String text, EventDraft draft, Instant shown, Instant now) {
		Calendar calendar = ICalEvents.parse(text);
		VEvent master = ICalEvents.master(calendar);
		java.time.ZoneId zone = zone(master);
		LocalDateTime masterStart = ICalEvents.local(start(master).getDate(), zone);
		LocalDateTime from = shown == null ? masterStart : ICalEvents.local(shown, zone);
		Duration moved = Duration.between(from, draft.start());
		Duration length = Duration.between(draft.start(), draft.end());
		LocalDateTime start = masterStart.plus(moved);
		EventDraft series = new EventDraft(draft.summary(), draft.allDay(), start, start.plus(length), draft.location(), draft.description(),
				draft.repeat(), draft.reminder(), draft.attachments(), draft.visibility(), draft.zone());
		apply(master, series, reminder(master));
		// the series' visibility holds for its moved instances too: one left public would show what the rest hides
		ICalEvents.events(calendar).forEach(e -> visibility(e, draft.visibility()));
		switch (draft.repeat().frequency()) {
			case KEEP -> {
			}
			case NONE -> {
				master.removeAll("RRULE", "RDATE", "EXDATE");
				ICalEvents.removeEvents(calendar, e -> e.getProperty("RECURRENCE-ID").isPresent());
			}
			default -> master.replace(new RRule<>(rule(series)));
		}
		touch(master, now);
		if (!draft.allDay()) {
			ICalEvents.ensureZone(calendar, draft.zone());
		}
		return ICalEvents.print(calendar);
	}

	/** One instance of a series changed ("only this"): a VEVENT with its RECURRENCE-ID overrides it. */
	public static String updateInstance(String text, Instant recurrenceId, EventDraft draft, Instant now) {
		Calendar calendar = ICalEvents.parse(text);
		VEvent master = ICalEvents.master(calendar);
		Optional<VEvent> existing = ICalEvents.override(calendar, recurrenceId);
		VEvent instance = existing.orElseGet(() -> {
			VEvent copy = ICalEvents.occurrence(master, recurrenceId);
			calendar.add(copy);
			return copy;
		});
		apply(instance, draft, reminder(instance));
		touch(instance, now);
		master.replace(new DtStamp(now));
		if (!draft.allDay()) {
			ICalEvents.ensureZone(calendar, draft.zone());
		}
		return ICalEvents.print(calendar);
	}

	/** One instance of a series deleted ("only this"): an EXDATE, and its override gone. */
	public static String excludeInstance(String text, Instant recurrenceId, Instant now) {
		Calendar calendar = ICalEvents.parse(text);
		VEvent master = ICalEvents.master(calendar);
		ICalEvents.removeEvents(calendar, e -> ICalEvents.override(calendar, recurrenceId).map(o -> o == e).orElse(false));
		master.add(ICalEvents.like("EXDATE", start(master), recurrenceId));
		touch(master, now);
		return ICalEvents.print(calendar);
	}

	/**
	 * The series ends before this instance ("this and following"): UNTIL just before it, instances moved
	 * to later dropped. The caller stores the instance and the rest as a new event, or nothing to delete them.
	 */
	public static String endBefore(String text, Instant recurrenceId, Instant now) {
		Calendar calendar = ICalEvents.parse(text);
		VEvent master = ICalEvents.master(calendar);
		RRule<?> rrule = master.getProperty("RRULE").map(p -> (RRule<?>) p)
			.orElseThrow(() -> InvalidCalendarData.object("The event does not repeat"));
		boolean allDay = start(master).getDate() instanceof java.time.LocalDate;
		String until = allDay ? ICalEvents.date(ICalEvents.local(recurrenceId).toLocalDate().minusDays(1))
				: ICalEvents.utc(recurrenceId.minusSeconds(1));
		String kept = java.util.Arrays.stream(rrule.getValue().split(";"))
			.filter(part -> !part.startsWith("UNTIL=") && !part.startsWith("COUNT=")).collect(Collectors.joining(";"));
		master.replace(new RRule<>(kept + ";UNTIL=" + until));
		ICalEvents.removeEvents(calendar, e -> e.getProperty("RECURRENCE-ID")
			.map(p -> !ICalEvents.instant(((DateProperty<?>) p).getDate()).isBefore(recurrenceId)).orElse(false));
		touch(master, now);
		return ICalEvents.print(calendar);
	}

	/** The event for the dialog: the series with the asked instance's times, or the moved instance itself. */
	public static Stored read(String text, Instant recurrenceId) {
		Calendar calendar = ICalEvents.parse(text);
		VEvent master = ICalEvents.master(calendar);
		String uid = master.getProperty("UID").map(Property::getValue).orElse("");
		boolean recurring = master.getProperty("RRULE").isPresent() || master.getProperty("RDATE").isPresent();
		Repeat repeat = repeat(master);
		VEvent shown = recurrenceId == null ? master : ICalEvents.override(calendar, recurrenceId).orElse(master);
		DateProperty<?> start = start(shown);
		boolean allDay = start.getDate() instanceof java.time.LocalDate;
		java.time.ZoneId zone = zone(shown);
		LocalDateTime from = ICalEvents.local(start.getDate(), zone);
		LocalDateTime to = end(shown, from, allDay, zone);
		if (recurrenceId != null && shown == master) {
			LocalDateTime instance = ICalEvents.local(recurrenceId, zone);
			to = instance.plus(Duration.between(from, to));
			from = instance;
		}
		EventDraft draft = new EventDraft(text(shown, "SUMMARY"), allDay, from, to, text(shown, "LOCATION"), text(shown, "DESCRIPTION"),
				repeat, reminder(shown), EventAttachments.read(shown), visibility(shown), zone);
		return new Stored(uid, recurring, draft);
	}

	/** The zone of the event's start (an IANA TZID), else the school's: UTC and floating times are shown on the school's clock. */
	static java.time.ZoneId zone(VEvent event) {
		java.time.ZoneId zone = ICalEvents.zoneOf(start(event));
		return zone == null ? ICalEvents.ZONE : zone;
	}

	static LocalDateTime end(VEvent event, LocalDateTime start, boolean allDay, java.time.ZoneId zone) {
		Optional<Property> end = event.getProperty("DTEND");
		if (end.isPresent()) {
			return ICalEvents.local(((DateProperty<?>) end.get()).getDate(), zone);
		}
		Optional<Property> duration = event.getProperty("DURATION");
		if (duration.isPresent()) {
			return start.plus(((net.fortuna.ical4j.model.property.Duration) duration.get()).getDuration());
		}
		return allDay ? start.plusDays(1) : start;
	}

	static String text(VEvent event, String name) {
		return event.getProperty(name).map(Property::getValue).orElse("");
	}

	static DateProperty<?> start(VEvent event) {
		return event.getProperty("DTSTART").map(p -> (DateProperty<?>) p)
			.orElseThrow(() -> InvalidCalendarData.object("The event has no DTSTART"));
	}

	/** Title, place, description, times and the reminder from the dialog; the rest of the event as it was. */
	private static void apply(VEvent event, EventDraft draft, Reminder before) {
		event.replace(new Summary(draft.summary()));
		replaceText(event, "LOCATION", draft.location());
		replaceText(event, "DESCRIPTION", draft.description());
		event.removeAll("DTSTART", "DTEND", "DURATION");
		event.add(ICalEvents.dateProperty("DTSTART", draft.start(), draft.allDay(), draft.zone()));
		event.add(ICalEvents.dateProperty("DTEND", draft.end(), draft.allDay(), draft.zone()));
		if (draft.attachments() != null) {
			EventAttachments.apply(event, draft.attachments());
		}
		visibility(event, draft.visibility());
		if (draft.reminder() != Reminder.KEEP && draft.reminder() != before) {
			ICalEvents.removeComponents(event, VAlarm.class::isInstance);
			if (draft.reminder() != Reminder.NONE) {
				VAlarm alarm = new VAlarm(draft.reminder().before.negated());
				alarm.add(new Action(Action.VALUE_DISPLAY));
				alarm.add(new Description(draft.summary()));
				event.add(alarm);
			}
		}
	}

	/** CLASS:PRIVATE for busy-only; for everyone no CLASS (PUBLIC is its default), any other class a client set stays. */
	private static void visibility(VEvent event, EventDraft.Visibility visibility) {
		switch (visibility) {
			case BUSY -> event.replace(new Clazz(Clazz.VALUE_PRIVATE));
			case EVERYONE -> {
				if (visibility(event) == EventDraft.Visibility.BUSY) {
					event.removeAll("CLASS");
				}
			}
			case KEEP -> {
			}
		}
	}

	private static EventDraft.Visibility visibility(VEvent event) {
		String value = text(event, "CLASS").strip().toUpperCase(Locale.ROOT);
		return value.equals("PRIVATE") || value.equals("CONFIDENTIAL") ? EventDraft.Visibility.BUSY : EventDraft.Visibility.EVERYONE;
	}

	private static void replaceText(VEvent event, String name, String value) {
		event.removeAll(name);
		if (value != null && !value.isBlank()) {
			event.add(name.equals("LOCATION") ? new Location(value) : new Description(value));
		}
	}

	static void touch(VEvent event, Instant now) {
		int sequence = event.getProperty("SEQUENCE").map(p -> {
			try {
				return Integer.parseInt(p.getValue().trim());
			}
			catch (NumberFormatException e) {
				return 0;
			}
		}).orElse(0);
		event.replace(new Sequence(sequence + 1));
		event.replace(new DtStamp(now));
		event.replace(new LastModified(now));
	}

	/**
	 * The dialog's rule: FREQ, BYDAY for weekly and for monthly on a weekday (the start's: 2TU, -1FR), UNTIL the end of its
	 * day (as a date for all-day events) or COUNT.
	 */
	static String rule(EventDraft draft) {
		Repeat repeat = draft.repeat();
		StringBuilder rule = new StringBuilder("FREQ=").append(repeat.frequency().name());
		if (repeat.frequency() == Frequency.WEEKLY) {
			Set<DayOfWeek> days = repeat.days().isEmpty() ? Set.of(draft.start().getDayOfWeek()) : repeat.days();
			rule.append(";BYDAY=").append(days.stream().sorted().map(d -> d.name().substring(0, 2)).collect(Collectors.joining(",")));
		}
		if (repeat.frequency() == Frequency.MONTHLY && repeat.monthly() != EventDraft.MonthlyBy.DAY) {
			java.time.LocalDate day = draft.start().toLocalDate();
			int ordinal = EventDraft.MonthlyBy.ordinal(day);
			// the fifth of a weekday is always its last
			boolean last = repeat.monthly() == EventDraft.MonthlyBy.LAST_WEEKDAY || ordinal > 4;
			rule.append(";BYDAY=").append(last ? "-1" : String.valueOf(ordinal)).append(day.getDayOfWeek().name(), 0, 2);
		}
		if (repeat.until() != null) {
			rule.append(";UNTIL=").append(draft.allDay() ? ICalEvents.date(repeat.until())
					: ICalEvents.utc(repeat.until().plusDays(1).atStartOfDay(draft.zone()).toInstant().minusSeconds(1)));
		}
		else if (repeat.count() != null) {
			rule.append(";COUNT=").append(repeat.count());
		}
		return rule.toString();
	}

	/** The series' rule as the dialog shows it; a rule with parts the dialog has no field for is kept as it is. */
	private static Repeat repeat(VEvent master) {
		Optional<Property> property = master.getProperty("RRULE");
		if (property.isEmpty()) {
			return master.getProperty("RDATE").isPresent() ? Repeat.KEEP : Repeat.NONE;
		}
		Recur<?> recur = ((RRule<?>) property.get()).getRecur();
		java.time.ZoneId zone = zone(master);
		java.time.LocalDate first = ICalEvents.local(start(master).getDate(), zone).toLocalDate();
		EventDraft.MonthlyBy monthly = monthly(recur, first);
		boolean simple = recur.getInterval() <= 1 && recur.getMonthList().isEmpty()
				&& recur.getSetPosList().isEmpty() && recur.getYearDayList().isEmpty() && recur.getWeekNoList().isEmpty()
				&& recur.getHourList().isEmpty() && recur.getMinuteList().isEmpty()
				&& (monthly != null || recur.getMonthDayList().isEmpty() && (recur.getDayList().isEmpty()
						|| recur.getFrequency().name().equals("WEEKLY") && recur.getDayList().stream().allMatch(d -> d.getOffset() == 0)));
		Frequency frequency = switch (recur.getFrequency().name()) {
			case "DAILY" -> Frequency.DAILY;
			case "WEEKLY" -> Frequency.WEEKLY;
			case "MONTHLY" -> Frequency.MONTHLY;
			case "YEARLY" -> Frequency.YEARLY;
			default -> Frequency.KEEP;
		};
		if (!simple || frequency == Frequency.KEEP) {
			return Repeat.KEEP;
		}
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		if (frequency == Frequency.WEEKLY) {
			for (WeekDay day : recur.getDayList()) {
				days.add(WeekDay.getDayOfWeek(day));
			}
		}
		Temporal until = recur.getUntil();
		return new Repeat(frequency, days, until == null ? null : ICalEvents.local(until, zone).toLocalDate(),
				recur.getCount() > 0 ? recur.getCount() : null, monthly == null ? EventDraft.MonthlyBy.DAY : monthly);
	}

	/**
	 * A monthly rule the dialog shows: BYMONTHDAY of the start's day, or BYDAY of the start's weekday as its n-th (1 to 4)
	 * or last (-1) in the month, as CalDAV clients write "every 2nd Tuesday"; null for anything else.
	 */
	private static EventDraft.MonthlyBy monthly(Recur<?> recur, java.time.LocalDate first) {
		if (!recur.getFrequency().name().equals("MONTHLY")) {
			return null;
		}
		List<Integer> monthDays = recur.getMonthDayList();
		List<WeekDay> weekDays = recur.getDayList();
		if (weekDays.isEmpty()) {
			return monthDays.isEmpty() || monthDays.equals(List.of(first.getDayOfMonth())) ? EventDraft.MonthlyBy.DAY : null;
		}
		if (!monthDays.isEmpty() || weekDays.size() != 1 || WeekDay.getDayOfWeek(weekDays.get(0)) != first.getDayOfWeek()) {
			return null;
		}
		int offset = weekDays.get(0).getOffset();
		if (offset == -1 && EventDraft.MonthlyBy.last(first)) {
			return EventDraft.MonthlyBy.LAST_WEEKDAY;
		}
		return offset >= 1 && offset <= 4 && offset == EventDraft.MonthlyBy.ordinal(first) ? EventDraft.MonthlyBy.WEEKDAY : null;
	}

	/** The reminder the dialog shows: none, one display alarm it knows, or {@link Reminder#KEEP} for anything else. */
	private static Reminder reminder(VEvent event) {
		List<VAlarm> alarms = new ArrayList<>(event.getAlarms());
		if (alarms.isEmpty()) {
			return Reminder.NONE;
		}
		if (alarms.size() > 1) {
			return Reminder.KEEP;
		}
		VAlarm alarm = alarms.get(0);
		boolean display = alarm.getProperty("ACTION").map(a -> a.getValue().toUpperCase(Locale.ROOT).equals("DISPLAY")).orElse(false);
		Optional<net.fortuna.ical4j.model.property.Trigger> trigger = alarm.getProperty("TRIGGER");
		if (!display || trigger.isEmpty() || trigger.get().isAbsolute() || trigger.get().getParameter("RELATED").isPresent()) {
			return Reminder.KEEP;
		}
		java.time.temporal.TemporalAmount amount = trigger.get().getDuration();
		Duration before = amount instanceof java.time.Period period ? Duration.ofDays(period.getDays()) : Duration.from(amount);
		return before.isNegative() ? Reminder.of(before.negated()) : Reminder.KEEP;
	}
}
