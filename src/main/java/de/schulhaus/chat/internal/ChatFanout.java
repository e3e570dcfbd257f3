package de.schulhaus.chat.internal;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries committed changes to the live connections: this node's at once (in-process), the other
 * nodes' through the {@link OtherNodes} relay when one is configured (Redis). Receivers only queue
 * what they get, so a publisher never waits for a client.
 */
@Component
public class ChatFanout {

	private static final Logger log = LoggerFactory.getLogger(ChatFanout.class);

	private final List<Receiver> receivers = new CopyOnWriteArrayList<>();
	private volatile OtherNodes otherNodes;

	/** A message (new, or changed: announced by the seq of its latest change) was committed on this node. */
	void published(ChatMessage message, UUID schoolId) {
		here(receiver -> receiver.message(schoolId, message), "Live delivery of a chat message");
		elsewhere(nodes -> nodes.published(schoolId, message.roomId(), message.changedSeq()), "Announcing a chat message to the other nodes");
	}

	/** Who reads which room may have changed for these people of the school (all of them: null). */
	void roomsChanged(UUID schoolId, List<UUID> accountIds) {
		here(receiver -> receiver.roomsChanged(schoolId, accountIds), "Live update of chat rooms");
		elsewhere(nodes -> nodes.roomsChanged(schoolId, accountIds), "Announcing changed chat rooms to the other nodes");
	}

	/** These people may no longer sign in (deactivated, marked for deletion, deleted). */
	void accountsClosed(UUID schoolId, List<UUID> accountIds) {
		here(receiver -> receiver.accountsClosed(schoolId, accountIds), "Closing live chat connections");
		elsewhere(nodes -> nodes.accountsClosed(schoolId, accountIds), "Announcing closed accounts to the other nodes");
	}

	/** Someone types or has read (best effort): to this node's readers of the room and the other nodes'. */
	public void signal(LiveSignal signal) {
		here(receiver -> receiver.signal(signal), "Live typing or read signal");
		elsewhere(nodes -> nodes.signal(signal), "Announcing a typing or read signal to the other nodes");
	}

	void signalElsewhere(LiveSignal signal) {
		here(receiver -> receiver.signal(signal), "Live typing or read signal of another node");
	}

	/** Another node committed the room's message {@code seq}. */
	void announcedElsewhere(UUID schoolId, UUID roomId, long seq) {
		here(receiver -> receiver.announced(schoolId, roomId, seq), "Live delivery of another node's chat message");
	}

	void roomsChangedElsewhere(UUID schoolId, List<UUID> accountIds) {
		here(receiver -> receiver.roomsChanged(schoolId, accountIds), "Live update of chat rooms");
	}

	void accountsClosedElsewhere(UUID schoolId, List<UUID> accountIds) {
		here(receiver -> receiver.accountsClosed(schoolId, accountIds), "Closing live chat connections");
	}

	/** The link to the other nodes was down for a while: what they announced meanwhile is lost. */
	void othersMayHaveBeenMissed() {
		here(Receiver::announcementsMayBeLost, "Catching up live chat connections");
	}

	public void subscribe(Receiver receiver) {
		receivers.add(receiver);
	}

	void relayTo(OtherNodes nodes) {
		this.otherNodes = nodes;
	}

	private void here(Consumer<Receiver> call, String what) {
		for (Receiver receiver : receivers) {
			try {
				call.accept(receiver);
			} catch (RuntimeException e) {
				// the change is committed; a receiver's trouble must not reach the one who made it
				log.warn("{} failed: {}", what, e.toString());
			}
		}
	}

	private void elsewhere(Consumer<OtherNodes> call, String what) {
		OtherNodes nodes = otherNodes;
		if (nodes != null) {
			try {
				call.accept(nodes);
			} catch (RuntimeException e) {
				log.warn("{} failed: {}", what, e.toString());
			}
		}
	}

	public interface Receiver {

		void message(UUID schoolId, ChatMessage message);

		/** A message committed on another node: only its room and seq, the text is in the database. */
		void announced(UUID schoolId, UUID roomId, long seq);

		void roomsChanged(UUID schoolId, List<UUID> accountIdsOrNullForAll);

		void accountsClosed(UUID schoolId, List<UUID> accountIds);

		/** Announcements of other nodes may have been lost: look in the database for what is new. */
		void announcementsMayBeLost();

		/** Someone types or has read: for the room's other members, best effort. */
		default void signal(LiveSignal signal) {
		}
	}

	/** Carries this node's announcements to the other nodes; never blocks the caller. */
	interface OtherNodes {

		void published(UUID schoolId, UUID roomId, long seq);

		void roomsChanged(UUID schoolId, List<UUID> accountIdsOrNullForAll);

		void accountsClosed(UUID schoolId, List<UUID> accountIds);

		/** Best effort: dropped rather than queued behind messages. */
		default void signal(LiveSignal signal) {
		}
	}
}
