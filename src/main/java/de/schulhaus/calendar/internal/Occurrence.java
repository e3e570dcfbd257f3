package de.schulhaus.calendar.internal;

import java.time.Instant;

/**
 * One occurrence of an event, task or journal entry in a time range.
 *
 * @param end equal to start for an event without duration
 * @param allDay whether it is given as dates (the instants are midnight in the calendar's zone)
 * @param recurrenceId the original start of this instance of a recurring series; null when not recurring
 */
public record Occurrence(String uid, Instant start, Instant end, boolean allDay, String summary, String location,
		Instant recurrenceId) {
}
