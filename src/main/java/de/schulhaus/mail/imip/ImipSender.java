package de.schulhaus.mail.imip;

import java.io.ByteArrayInputStream;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.Submission;

/**
 * Writes and sends the invitation mail after the organiser's change committed: from the organiser's mailbox,
 * through {@link Submission} like any of their mail (delivered inside the school, queued for the smarthost
 * outside). Outside a transaction, because the message is staged in the blob store first.
 */
@Component
class ImipSender {

	private static final Logger log = LoggerFactory.getLogger(ImipSender.class);

	private final Organizers organizers;
	private final MessageStore store;
	private final Submission submission;

	ImipSender(Organizers organizers, MessageStore store, Submission submission) {
		this.organizers = organizers;
		this.store = store;
		this.submission = submission;
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void send(ImipDue due) {
		Optional<Submission.Sender> sender = organizers.sender(due.schoolId(), due.organizerId());
		if (sender.isEmpty()) {
			log.info("invitation mail for {} not sent: its organiser is gone", due.uid());
			return;
		}
		String name = organizers.name(due.schoolId(), due.organizerId()).orElse(sender.get().address());
		byte[] raw = ImipMessage.of(sender.get().address(), name, due.addresses(), due.method(), due.summary(), due.text());
		Submission.Result result = submission.submit(sender.get(), due.addresses(), store.stage(new ByteArrayInputStream(raw), raw.length + 1L),
				false);
		if (!result.full().isEmpty()) {
			log.info("invitation mail for {} did not reach full mailboxes: {}", due.uid(), result.full());
		}
	}
}
