package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * A DATE or DATE-TIME value as written: a date (all-day), or a wall-clock time with the rules of its
 * TZID, UTC's for a "Z" time, or none for a floating time. Recurrences are expanded on the wall clock,
 * so that 08:00 in Berlin stays 08:00 across the change to summer time.
 *
 * @param local a {@link LocalDate} or a {@link LocalDateTime}
 * @param rules the zone's rules; null for dates and floating times
 */
record ICalTime(Temporal local, ZoneRules rules) {

	static final ZoneRules UTC = ZoneOffset.UTC.getRules();

	boolean allDay() {
		return local instanceof LocalDate;
	}

	boolean floating() {
		return rules == null;
	}

	ICalTime with(Temporal otherLocal) {
		return new ICalTime(otherLocal, rules);
	}

	/** The wall-clock time; midnight for a date. */
	LocalDateTime dateTime() {
		return local instanceof LocalDate date ? date.atStartOfDay() : (LocalDateTime) local;
	}

	/** The instant, with dates and floating times in the given zone. */
	Instant instant(ZoneId floating) {
		return instant(dateTime(), rules == null ? floating.getRules() : rules);
	}

	/** Like {@link java.time.ZonedDateTime}: a time in the spring gap moves forward by the gap, an ambiguous one takes the earlier offset. */
	static Instant instant(LocalDateTime dateTime, ZoneRules rules) {
		List<ZoneOffset> offsets = rules.getValidOffsets(dateTime);
		if (offsets.isEmpty()) {
			ZoneOffsetTransition gap = rules.getTransition(dateTime);
			return dateTime.plus(gap.getDuration()).toInstant(gap.getOffsetAfter());
		}
		return dateTime.toInstant(offsets.get(0));
	}

	/** The wall-clock time of an instant under the rules. */
	static LocalDateTime local(Instant instant, ZoneRules rules) {
		return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), rules.getOffset(instant));
	}
}
