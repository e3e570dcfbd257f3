package de.schulhaus.mail.imip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import de.schulhaus.calendar.InvitationReplies;
import de.schulhaus.mail.MailDelivered;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.StoredMessage;

/**
 * Answers to invitations that arrive by mail: a message with {@code text/calendar; method=REPLY} in a person's
 * inbox is handed to the calendar with the address it came from, which sets that attendee's answer in the
 * person's event (the person organised it) and tells them. The message stays in the inbox as mail apps leave it.
 */
@Component
class ImipReplies {

	private static final Logger log = LoggerFactory.getLogger(ImipReplies.class);

	private final MessageStore store;
	private final InvitationReplies replies;
	private final ApplicationEventPublisher events;

	ImipReplies(MessageStore store, InvitationReplies replies, ApplicationEventPublisher events) {
		this.store = store;
		this.replies = replies;
		this.events = events;
	}

	/** In the delivering transaction: only replies become work for later. */
	@EventListener
	void delivered(MailDelivered delivered) {
		if (delivered.calendarReply() && delivered.accountId() != null) {
			events.publishEvent(new ImipReplyDue(delivered.schoolId(), delivered.accountId(), delivered.messageId()));
		}
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void apply(ImipReplyDue due) {
		Optional<StoredMessage> message = store.find(due.schoolId(), due.messageId());
		if (message.isEmpty() || message.get().fromAddress() == null) {
			return;
		}
		Optional<String> reply;
		try (InputStream raw = store.open(message.get())) {
			reply = CalendarReplyPart.of(raw);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (reply.isEmpty()) {
			return;
		}
		InvitationReplies.Outcome outcome = replies.apply(due.schoolId(), due.accountId(), message.get().fromAddress(), reply.get());
		if (outcome != InvitationReplies.Outcome.APPLIED) {
			log.info("answer by mail {} from {} not taken: {}", due.messageId(), message.get().fromAddress(), outcome);
		}
	}
}
