package de.schulhaus.calendar;

import java.util.List;
import java.util.UUID;

/**
 * An iTIP message (RFC 5546) the calendar's scheduling sends when an organiser stores or deletes an event
 * with attendees: a REQUEST with the event as it now is, or a CANCEL. The event's own text is the
 * organiser's, without delivery statuses; a delivery that writes mail (iMIP, RFC 6047) adds its METHOD.
 *
 * @param calendarId the calendar of the organiser's event, with {@code objectName} where answers go back to
 * @param recipients the attendees this message is for (rooms and the organiser left out)
 */
public record SchedulingMessage(UUID schoolId, Method method, UUID organizerId, String organizerAddress, UUID calendarId, String objectName,
		String uid, String summary, String text, List<Recipient> recipients) {

	public enum Method {
		REQUEST, CANCEL
	}

	/**
	 * @param address the calendar user address as the event names it ({@code mailto:…}, {@code urn:uuid:…})
	 * @param cutype INDIVIDUAL, GROUP, … upper case; null when the event gives none
	 */
	public record Recipient(String address, String cutype) {
	}
}
