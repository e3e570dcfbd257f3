package de.schulhaus.calendar;

import java.util.UUID;

/**
 * Answers to invitations that came back by mail (iMIP REPLY, RFC 6047 / RFC 5546 3.2.3): a mail module hands
 * over the reply's iCalendar text with the address it came from; the answer lands in the organiser's event
 * when that address is one of its attendees.
 */
public interface InvitationReplies {

	enum Outcome {
		/** The attendee's PARTSTAT in the organiser's event was set (or already said so). */
		APPLIED,
		/** Not a REPLY the calendar can read. */
		UNREADABLE,
		/** No event of the organiser has this UID. */
		NO_EVENT,
		/** The sender is not an attendee of that event, or answered nothing a calendar knows. */
		NOT_AN_ATTENDEE
	}

	/**
	 * @param from the mail address the reply came from; only that attendee's answer is taken
	 */
	Outcome apply(UUID schoolId, UUID organizerId, String from, String replyText);
}
