package de.schulhaus.calendar.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;

/** Reads DATE, DATE-TIME and DURATION values (RFC 5545 3.3.4, 3.3.5, 3.3.6) of properties. */
final class ICalValues {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss")
		.withResolverStyle(ResolverStyle.STRICT);

	private ICalValues() {
	}

	static ICalTime time(ICalProperty property, ZoneLookup zones) {
		return time(property, property.value(), zones);
	}

	/** The comma-separated values of RDATE or EXDATE; of a PERIOD only its start. */
	static List<ICalTime> times(ICalProperty property, ZoneLookup zones) {
		List<ICalTime> times = new ArrayList<>();
		for (String value : property.value().split(",")) {
			int slash = value.indexOf('/');
			times.add(time(property, slash < 0 ? value : value.substring(0, slash), zones));
		}
		return times;
	}

	private static ICalTime time(ICalProperty property, String value, ZoneLookup zones) {
		try {
			if ("DATE".equalsIgnoreCase(property.parameter("VALUE")) || value.length() == 8) {
				return new ICalTime(LocalDate.parse(value, DATE), null);
			}
			if (value.length() == 16 && value.endsWith("Z")) {
				return new ICalTime(LocalDateTime.parse(value.substring(0, 15), DATE_TIME), ICalTime.UTC);
			}
			LocalDateTime local = LocalDateTime.parse(value, DATE_TIME);
			return new ICalTime(local, property.parameter("TZID") == null ? null : zones.rules(property));
		} catch (DateTimeParseException e) {
			throw InvalidCalendarData.data(property, "has the invalid date or time \"" + value + "\"");
		}
	}

	/** A DURATION: nominal days (weeks count 7) on the wall clock, then exact time. */
	record Length(long days, Duration time) {

		static final Length NONE = new Length(0, Duration.ZERO);

		boolean negative() {
			return days < 0 || time.isNegative();
		}
	}

	static Length duration(ICalProperty property) {
		String value = property.value();
		int i = 0;
		boolean negative = false;
		if (i < value.length() && (value.charAt(i) == '+' || value.charAt(i) == '-')) {
			negative = value.charAt(i) == '-';
			i++;
		}
		if (i >= value.length() || value.charAt(i++) != 'P' || i >= value.length()) {
			throw InvalidCalendarData.data(property, "has the invalid duration \"" + value + "\"");
		}
		long days = 0;
		long seconds = 0;
		boolean inTime = false;
		boolean any = false;
		long number = -1;
		for (; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= '0' && c <= '9') {
				number = (number < 0 ? 0 : number) * 10 + (c - '0');
				if (number > 10_000_000) {
					throw InvalidCalendarData.data(property, "has a too long duration \"" + value + "\"");
				}
				continue;
			}
			if (c == 'T' && !inTime && number < 0) {
				inTime = true;
				continue;
			}
			if (number < 0) {
				throw InvalidCalendarData.data(property, "has the invalid duration \"" + value + "\"");
			}
			switch (inTime ? "T" + c : String.valueOf(c)) {
				case "W" -> days += number * 7;
				case "D" -> days += number;
				case "TH" -> seconds += number * 3600;
				case "TM" -> seconds += number * 60;
				case "TS" -> seconds += number;
				default -> throw InvalidCalendarData.data(property, "has the invalid duration \"" + value + "\"");
			}
			any = true;
			number = -1;
		}
		if (!any || number >= 0) {
			throw InvalidCalendarData.data(property, "has the invalid duration \"" + value + "\"");
		}
		return negative ? new Length(-days, Duration.ofSeconds(-seconds)) : new Length(days, Duration.ofSeconds(seconds));
	}
}
