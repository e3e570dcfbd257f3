package de.schulhaus.chat.internal;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries committed changes to this node's live connections (in-process; a Redis fanout for several
 * nodes is a later step). Receivers only queue what they get, so a publisher never waits for a client.
 */
@Component
public class ChatFanout {

	private static final Logger log = LoggerFactory.getLogger(ChatFanout.class);

	private final List<Receiver> receivers = new CopyOnWriteArrayList<>();

	/** A message was committed. */
	void published(ChatMessage message, UUID schoolId) {
		for (Receiver receiver : receivers) {
			try {
				receiver.message(schoolId, message);
			} catch (RuntimeException e) {
				// the message is committed; a receiver's trouble must not reach the poster
				log.warn("Live delivery of a chat message failed: {}", e.toString());
			}
		}
	}

	/** Who reads which room may have changed for these people of the school (all of them: null). */
	void roomsChanged(UUID schoolId, List<UUID> accountIds) {
		for (Receiver receiver : receivers) {
			try {
				receiver.roomsChanged(schoolId, accountIds);
			} catch (RuntimeException e) {
				log.warn("Live update of chat rooms failed: {}", e.toString());
			}
		}
	}

	/** These people may no longer sign in (deactivated, marked for deletion, deleted). */
	void accountsClosed(UUID schoolId, List<UUID> accountIds) {
		for (Receiver receiver : receivers) {
			try {
				receiver.accountsClosed(schoolId, accountIds);
			} catch (RuntimeException e) {
				log.warn("Closing live chat connections failed: {}", e.toString());
			}
		}
	}

	public void subscribe(Receiver receiver) {
		receivers.add(receiver);
	}

	public interface Receiver {

		void message(UUID schoolId, ChatMessage message);

		void roomsChanged(UUID schoolId, List<UUID> accountIdsOrNullForAll);

		void accountsClosed(UUID schoolId, List<UUID> accountIds);
	}
}
