package de.schulhaus.calendar.internal;

import java.time.Instant;

/**
 * A calendar object resource (RFC 4791 4.1) as stored: one UID, one component type and the time span it
 * can cover, for time-range filters without parsing.
 *
 * @param component "VEVENT", "VTODO" or "VJOURNAL"
 * @param start the first instant it can cover; null when it has no start (a task without DTSTART or DUE)
 * @param end the last instant it can cover; null when unbounded (an endless RRULE)
 * @param recurring whether it has several instances (RRULE, RDATE, RECURRENCE-ID) that a time range may fall between
 * @param summary the SUMMARY, unescaped, at most 200 characters; null when there is none
 * @param text the client's iCalendar data with CRLF line endings, unchanged otherwise
 */
public record CalendarObject(String uid, String component, Instant start, Instant end, boolean recurring, String summary,
		String text) {
}
