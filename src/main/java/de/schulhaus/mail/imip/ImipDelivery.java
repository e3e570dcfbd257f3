package de.schulhaus.mail.imip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import de.schulhaus.calendar.InvitationDelivery;
import de.schulhaus.calendar.SchedulingMessage;
import de.schulhaus.mail.internal.Submission;

/**
 * Invitations by mail (iMIP, RFC 6047) for the attendees the calendar does not serve itself: people outside
 * the school, function mailboxes, list addresses. Each address is checked now, inside the organiser's
 * transaction, against the organiser's mail rules (a pupil who may not write outside cannot invite outside),
 * so the event records an honest status per attendee; the mail itself is written and sent after the commit
 * by {@link ImipSender}, because messages are staged outside transactions.
 */
@Component
class ImipDelivery implements InvitationDelivery {

	/** RFC 5546 3.6 request statuses. */
	static final String SENT = "1.1";
	static final String NO_SUCH_USER = "3.7";
	static final String NO_AUTHORITY = "3.8";

	private final Organizers organizers;
	private final Submission submission;
	private final ApplicationEventPublisher events;

	ImipDelivery(Organizers organizers, Submission submission, ApplicationEventPublisher events) {
		this.organizers = organizers;
		this.submission = submission;
		this.events = events;
	}

	@Override
	public Map<String, String> deliver(SchedulingMessage message) {
		Map<String, String> statuses = new LinkedHashMap<>();
		Optional<Submission.Sender> sender = organizers.sender(message.schoolId(), message.organizerId());
		if (sender.isEmpty()) {
			return statuses;
		}
		List<String> accepted = new ArrayList<>();
		for (SchedulingMessage.Recipient recipient : message.recipients()) {
			String address = mailAddress(recipient.address());
			if (address == null) {
				continue;
			}
			Submission.Recipient checked = submission.check(sender.get(), address);
			if (checked.accepted()) {
				accepted.add(checked.address());
				statuses.put(recipient.address(), SENT);
			} else {
				String code = checked.verdict().enhancedStatus();
				statuses.put(recipient.address(), code.startsWith("5.1.") || code.equals("5.2.1") ? NO_SUCH_USER : NO_AUTHORITY);
			}
		}
		if (!accepted.isEmpty()) {
			events.publishEvent(new ImipDue(message.schoolId(), message.organizerId(), message.method(), message.uid(), message.summary(),
					message.text(), List.copyOf(accepted)));
		}
		return statuses;
	}

	/** The mail address of a {@code mailto:} calendar user address, or null for other kinds ({@code urn:uuid:}). */
	static String mailAddress(String calendarAddress) {
		if (calendarAddress == null) {
			return null;
		}
		String value = calendarAddress.strip();
		if (!value.regionMatches(true, 0, "mailto:", 0, 7)) {
			return null;
		}
		String address = value.substring(7).strip();
		return address.isEmpty() || address.indexOf('@') <= 0 ? null : address;
	}
}
