package de.schulhaus.calendar.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.Locale;

/**
 * A VTIMEZONE for an IANA zone from Java's current rules, as compact as Thunderbird writes them: one
 * STANDARD and one DAYLIGHT observance with yearly rules (or one STANDARD without DST). Used where data
 * names a zone without defining it, so that exports and imported objects carry every VTIMEZONE they use.
 */
final class VTimezones {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
	private static final int SINCE = 1970;

	private VTimezones() {
	}

	/** The VTIMEZONE (CRLF lines) with the given TZID for its IANA zone; null when there is none or its rules cannot be said this way. */
	static String of(String tzid) {
		String id = ZoneLookup.ianaId(tzid);
		if (id == null) {
			return null;
		}
		ZoneRules rules = ZoneId.of(id).getRules();
		StringBuilder text = new StringBuilder("BEGIN:VTIMEZONE\r\nTZID:").append(tzid).append("\r\n");
		if (rules.getTransitionRules().isEmpty()) {
			ZoneOffset offset = rules.getOffset(Instant.now());
			text.append("BEGIN:STANDARD\r\nTZOFFSETFROM:").append(offset(offset)).append("\r\nTZOFFSETTO:").append(offset(offset))
				.append("\r\nDTSTART:19700101T000000\r\nEND:STANDARD\r\n");
		} else {
			for (ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
				String byDay = byDay(rule);
				if (byDay == null) {
					return null;
				}
				String kind = rule.getOffsetAfter().getTotalSeconds() > rule.getStandardOffset().getTotalSeconds() ? "DAYLIGHT" : "STANDARD";
				text.append("BEGIN:").append(kind).append("\r\nTZOFFSETFROM:").append(offset(rule.getOffsetBefore()))
					.append("\r\nTZOFFSETTO:").append(offset(rule.getOffsetAfter()))
					.append("\r\nDTSTART:").append(LOCAL.format(rule.createTransition(SINCE).getDateTimeBefore()))
					.append("\r\nRRULE:FREQ=YEARLY;BYMONTH=").append(rule.getMonth().getValue()).append(byDay)
					.append("\r\nEND:").append(kind).append("\r\n");
			}
		}
		return text.append("END:VTIMEZONE\r\n").toString();
	}

	/** The day within the month as RRULE parts: "the n-th", "the last" or "the first on or after a day". */
	private static String byDay(ZoneOffsetTransitionRule rule) {
		int day = rule.getDayOfMonthIndicator();
		DayOfWeek dayOfWeek = rule.getDayOfWeek();
		if (rule.isMidnightEndOfDay()) {
			return null;
		}
		if (dayOfWeek == null) {
			return day > 0 ? ";BYMONTHDAY=" + day : null;
		}
		String weekday = dayOfWeek.getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH).substring(0, 2)
			.toUpperCase(Locale.ROOT);
		if (day == -1 || (day > 0 && rule.getMonth() != Month.FEBRUARY && day + 6 == rule.getMonth().maxLength())) {
			return ";BYDAY=-1" + weekday;
		}
		if (day > 0 && (day - 1) % 7 == 0) {
			return ";BYDAY=" + ((day - 1) / 7 + 1) + weekday;
		}
		if (day > 0 && day + 6 <= 28) {
			StringBuilder days = new StringBuilder(";BYMONTHDAY=");
			for (int d = day; d < day + 7; d++) {
				days.append(d == day ? "" : ",").append(d);
			}
			return days.append(";BYDAY=").append(weekday).toString();
		}
		return null;
	}

	private static String offset(ZoneOffset offset) {
		int seconds = offset.getTotalSeconds();
		int abs = Math.abs(seconds);
		String text = String.format(Locale.ROOT, "%s%02d%02d", seconds < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
		return abs % 60 == 0 ? text : text + String.format(Locale.ROOT, "%02d", abs % 60);
	}
}
