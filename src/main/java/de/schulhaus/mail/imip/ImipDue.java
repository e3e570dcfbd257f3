package de.schulhaus.mail.imip;

import java.util.List;
import java.util.UUID;

import de.schulhaus.calendar.SchedulingMessage;

/**
 * An invitation or cancellation to send by mail once the organiser's change committed (durable: a node that
 * dies before sending leaves it to the next).
 *
 * @param text the event as iCalendar, without METHOD
 * @param addresses the mail addresses, already checked against the organiser's mail rules
 */
public record ImipDue(UUID schoolId, UUID organizerId, SchedulingMessage.Method method, String uid, String summary, String text,
		List<String> addresses) {
}
