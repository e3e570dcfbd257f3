package de.schulhaus.calendar.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * An event as the calendar's dialog shows it, in the school's zone: what a person types to create one
 * and what is read back from stored data to edit it. Everything else in the data stays as it is.
 *
 * @param start for an all-day event the first day at midnight
 * @param end exclusive: for an all-day event midnight after the last day
 * @param attachments the event's ATTACH lines; null leaves them as they are. Written, a stored line whose key is
 *                    missing here is removed and one without a key is added.
 * @param visibility who sees what of it; {@link Visibility#KEEP} leaves its CLASS as it is
 * @param zone the zone whose wall clock start and end are given in and which is written as TZID (the event's
 *             own, e.g. America/New_York for a call with a partner school); the school's zone when null
 */
public record EventDraft(String summary, boolean allDay, LocalDateTime start, LocalDateTime end, String location, String description,
		Repeat repeat, Reminder reminder, List<Attachment> attachments, Visibility visibility, ZoneId zone) {

	public EventDraft {
		visibility = visibility == null ? Visibility.KEEP : visibility;
		zone = zone == null ? CalendarData.SCHOOL_ZONE : zone;
	}

	/** A draft in the school's zone. */
	public EventDraft(String summary, boolean allDay, LocalDateTime start, LocalDateTime end, String location, String description, Repeat repeat,
			Reminder reminder, List<Attachment> attachments, Visibility visibility) {
		this(summary, allDay, start, end, location, description, repeat, reminder, attachments, visibility, null);
	}

	/** A draft that leaves the attachments and the visibility as they are. */
	public EventDraft(String summary, boolean allDay, LocalDateTime start, LocalDateTime end, String location, String description, Repeat repeat,
			Reminder reminder) {
		this(summary, allDay, start, end, location, description, repeat, reminder, null, Visibility.KEEP);
	}

	/** A draft that leaves the visibility as it is. */
	public EventDraft(String summary, boolean allDay, LocalDateTime start, LocalDateTime end, String location, String description, Repeat repeat,
			Reminder reminder, List<Attachment> attachments) {
		this(summary, allDay, start, end, location, description, repeat, reminder, attachments, Visibility.KEEP);
	}

	/** The same event with these attachments. */
	public EventDraft withAttachments(List<Attachment> chosen) {
		return new EventDraft(summary, allDay, start, end, location, description, repeat, reminder, chosen, visibility, zone);
	}

	/** The same event shown so. */
	public EventDraft withVisibility(Visibility chosen) {
		return new EventDraft(summary, allDay, start, end, location, description, repeat, reminder, attachments, chosen, zone);
	}

	/** The same moment on another wall clock (the viewer's); an all-day event stays on its dates. */
	public EventDraft seenIn(ZoneId viewer) {
		if (allDay || viewer.equals(zone)) {
			return this;
		}
		return new EventDraft(summary, false, start.atZone(zone).withZoneSameInstant(viewer).toLocalDateTime(),
				end.atZone(zone).withZoneSameInstant(viewer).toLocalDateTime(), location, description, repeat, reminder, attachments, visibility, viewer);
	}

	/**
	 * Who sees what of the event: everyone who sees the calendar everything ({@code CLASS} absent or PUBLIC), or
	 * those who only read the calendar just that the time is taken ({@code CLASS:PRIVATE}, see {@link BusyOnly}).
	 */
	public enum Visibility {
		EVERYONE, BUSY, KEEP
	}

	/**
	 * An ATTACH line: a link with the file's name and type, or content inline ({@code uri} null).
	 *
	 * @param key which stored line it is: {@code uri:<the link>} or {@code eingebettet:<n>} (the n-th inline one); null for a new one
	 * @param fileName the FILENAME parameter, else the link's last segment; null for inline content without one
	 * @param type the FMTTYPE parameter, null if it has none
	 */
	public record Attachment(String key, String uri, String fileName, String type) {

		/** A new link to write. */
		public static Attachment link(String uri, String fileName, String type) {
			return new Attachment(null, uri, fileName, type);
		}

		public boolean inline() {
			return uri == null;
		}
	}

	/**
	 * How often it repeats; {@link Frequency#KEEP} leaves a rule the dialog cannot show as it is.
	 *
	 * @param monthly for a monthly one: on the start's day of the month, or on its weekday as the n-th or the last of the month
	 */
	public record Repeat(Frequency frequency, Set<DayOfWeek> days, LocalDate until, Integer count, MonthlyBy monthly) {

		public static final Repeat NONE = new Repeat(Frequency.NONE, Set.of(), null, null);
		public static final Repeat KEEP = new Repeat(Frequency.KEEP, Set.of(), null, null);

		public Repeat {
			monthly = monthly == null ? MonthlyBy.DAY : monthly;
		}

		public Repeat(Frequency frequency, Set<DayOfWeek> days, LocalDate until, Integer count) {
			this(frequency, days, until, count, MonthlyBy.DAY);
		}

		public boolean repeats() {
			return frequency != Frequency.NONE;
		}
	}

	/** "am 14. jeden Monats" (BYMONTHDAY or none), "jeden 2. Dienstag" (BYDAY=2TU), "jeden letzten Freitag" (BYDAY=-1FR). */
	public enum MonthlyBy {
		DAY, WEEKDAY, LAST_WEEKDAY;

		/** Which of its weekday in its month the date is: 1 to 5. */
		public static int ordinal(LocalDate date) {
			return (date.getDayOfMonth() - 1) / 7 + 1;
		}

		/** Whether the date's weekday does not come again in its month. */
		public static boolean last(LocalDate date) {
			return date.getDayOfMonth() + 7 > date.lengthOfMonth();
		}
	}

	public enum Frequency {
		NONE, DAILY, WEEKLY, MONTHLY, YEARLY, KEEP
	}

	/** A display alarm this long before the start; {@link #KEEP} leaves alarms the dialog cannot show as they are. */
	public enum Reminder {
		NONE(null), MINUTES_10(Duration.ofMinutes(10)), HOUR_1(Duration.ofHours(1)), DAY_1(Duration.ofDays(1)), KEEP(null);

		public final Duration before;

		Reminder(Duration before) {
			this.before = before;
		}

		static Reminder of(Duration before) {
			for (Reminder reminder : values()) {
				if (before.equals(reminder.before)) {
					return reminder;
				}
			}
			return KEEP;
		}
	}
}
