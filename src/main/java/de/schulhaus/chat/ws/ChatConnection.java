package de.schulhaus.chat.ws;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import de.schulhaus.chat.internal.ChatMessage;
import de.schulhaus.chat.internal.ChatProperties;
import de.schulhaus.chat.internal.Room;
import de.schulhaus.chat.internal.RoomRights;
import de.schulhaus.platform.SchulhausUser;

/**
 * One person's live connection. Everything it is told (new messages, a resume, a changed roster)
 * goes into its inbox and is handled one at a time by a single drain on the hub's threads, so the
 * frames leave in seq order per room. A room's seqs number its messages and the changes to them
 * alike: a message comes again each time it changes, in its new state, under the seq of that change
 * ({@code changedSeq}), and that is the seq this connection counts. It remembers the last seq it sent
 * per room: a message it has sent is skipped, one that comes before its predecessor triggers a
 * catch-up from the database, so a client gets every message and change exactly once and in order. A
 * new connection holds live messages until the client's resume (or a second), so a quick resume gets
 * everything in order; a later resume sends only what this connection has not sent (the older ones
 * then come after the live ones, never twice). A client that does not read fills the inbox; beyond
 * the send buffer it is dropped, without holding up anyone else. Looking up its rooms anew also
 * catches up any room whose newest seq is past the last one sent.
 */
final class ChatConnection {

	/** How long a new connection waits for the client's resume before it sends live messages. */
	static final long RESUME_GRACE_MILLIS = 1_000;

	/** How long a message that came before its predecessor waits for it before the database is asked. */
	static final long GAP_WAIT_MILLIS = 250;

	/** How many such messages a room keeps waiting at most. */
	static final int MAX_EARLY = 64;

	/** What a frame costs besides the message's text, for the buffer's count. */
	private static final int FRAME_OVERHEAD = 300;

	private final ChatHub hub;
	private final WebSocketSession session;
	private final SchulhausUser user;
	private final long bufferLimit;

	private final Queue<Task> inbox = new ConcurrentLinkedQueue<>();
	private final AtomicLong pendingBytes = new AtomicLong();
	private final AtomicBoolean draining = new AtomicBoolean();
	private final AtomicBoolean dropped = new AtomicBoolean();

	/** Only touched by the drain. */
	private final Map<UUID, Room> rooms = new HashMap<>();
	private final Map<UUID, Long> sent = new HashMap<>();
	/** Per room, the seq this connection went live after: it has sent every message after it up to {@link #sent}. */
	private final Map<UUID, Long> liveAfter = new HashMap<>();
	private final Map<UUID, Long> typedAt = new HashMap<>();
	private boolean announced;
	/** Per room, whether and why not the person may post, as last announced. */
	private Map<UUID, String> posting = Map.of();
	/**
	 * Until the client's first resume (or {@link #RESUME_GRACE} after connecting), live messages are not sent,
	 * only noted: a resume that arrives after a live message would otherwise send that message again (and out
	 * of order) with the ones before it. What was noted is caught up from the database when the hold ends.
	 */
	private boolean holding = true;
	private final Set<UUID> held = new java.util.HashSet<>();
	/**
	 * Per room, messages that came before their predecessor. Posts commit in parallel, so under load the next
	 * seq's announcement is often just behind: waiting a moment for it saves a database read per connection
	 * (a room of 30 would otherwise read the same gap 30 times). After {@link #GAP_WAIT_MILLIS} or beyond
	 * {@link #MAX_EARLY} waiting, the database fills the gap as before.
	 */
	private final Map<UUID, java.util.TreeMap<Long, ChatMessage>> early = new HashMap<>();

	/**
	 * The web session the connection was opened with (null for a program with an app password). When it ends, the hub
	 * closes the connection ({@link ChatHub#closeEndedSessions}).
	 */
	private final String webSession;
	/** This connection's posts, one after the other on the hub's posting threads. */
	private volatile java.util.concurrent.CompletableFuture<Void> posts = java.util.concurrent.CompletableFuture.completedFuture(null);

	ChatConnection(ChatHub hub, WebSocketSession session, SchulhausUser user, ChatProperties properties) {
		this(hub, session, user, properties, null);
	}

	ChatConnection(ChatHub hub, WebSocketSession session, SchulhausUser user, ChatProperties properties, String webSession) {
		this.hub = hub;
		this.session = session;
		this.user = user;
		this.bufferLimit = properties.sendBufferBytes();
		this.webSession = webSession;
	}

	/**
	 * Posts a message ({@link SocketPosts}) on the hub's few posting threads (a post needs a database connection; a thread
	 * per posting connection would only queue for the pool) and answers the poster; one after the other, so a person's
	 * quick posts keep their order. A connection whose web session has ended is closed by the hub, on this node at once.
	 */
	void post(PostFrame frame) {
		if (dropped.get()) {
			return;
		}
		posts = posts.thenRunAsync(() -> {
			if (dropped.get()) {
				return;
			}
			String answer = hub.posts().post(user, frame);
			offer(() -> send(answer), 0);
		}, hub.postings()).exceptionally(e -> {
			// the node has more posts waiting than it takes (or one failed unexpectedly): this one is refused, not lost silently
			String answer = hub.posts().busy(user, frame);
			offer(() -> send(answer), 0);
			return null;
		});
	}

	/** The web session the connection was opened with; null for a program with an app password. */
	String webSession() {
		return webSession;
	}

	SchulhausUser user() {
		return user;
	}

	boolean dropped() {
		return dropped.get();
	}

	/** Looks up the person's rooms anew (at connect and when the roster changed). */
	void refresh() {
		offer(this::readRooms, 0);
	}

	/** At connect: ends the hold on live messages after the grace, for a client that never resumes. */
	void startHold() {
		java.util.concurrent.CompletableFuture.delayedExecutor(RESUME_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)
			.execute(() -> offer(this::endHold, 0));
	}

	private void endHold() throws IOException {
		if (!holding) {
			return;
		}
		holding = false;
		for (UUID roomId : held) {
			Room room = rooms.get(roomId);
			if (room != null) {
				catchUp(room);
			}
		}
		held.clear();
	}

	void resume(Map<UUID, Long> lastSeen) {
		offer(() -> resumeFrom(lastSeen), 0);
	}

	/** {@code frame}: the message's frame as every reader gets it, written once for all connections (null: written here). */
	void message(ChatMessage message, String frame) {
		int cost = FRAME_OVERHEAD + (message.body().length() + (message.html() == null ? 0 : message.html().length())) * 2;
		offer(() -> {
			pendingBytes.addAndGet(-cost);
			deliver(message, frame);
		}, cost);
	}

	/** How often one person's typing in one room is passed on at most. */
	static final long TYPING_EVERY_MILLIS = 3_000;

	/**
	 * A typing or read frame for the client, best effort: once frames wait for this client beyond an eighth of its
	 * send buffer it is dropped, not queued, so it never delays a message nor brings the connection closer to its limit.
	 */
	void signal(String frame) {
		int cost = frame.length() * 2;
		if (pendingBytes.get() + cost > bufferLimit / 8) {
			return;
		}
		offer(() -> {
			pendingBytes.addAndGet(-cost);
			send(frame);
		}, cost);
	}

	/** The person types in the room: passed on to its other members at most every {@link #TYPING_EVERY_MILLIS}, if they read it. */
	void typing(UUID roomId) {
		offer(() -> {
			long now = System.nanoTime();
			Long last = typedAt.get(roomId);
			if (rooms.containsKey(roomId) && (last == null || now - last >= TYPING_EVERY_MILLIS * 1_000_000)) {
				typedAt.put(roomId, now);
				hub.typing(this, roomId);
			}
		}, 0);
	}

	void drop(CloseStatus status) {
		if (dropped.compareAndSet(false, true)) {
			hub.forget(this);
			// closing may wait for a client that does not read: never on the caller's thread
			hub.execute(() -> {
				try {
					session.close(status);
				} catch (IOException | RuntimeException e) {
					// it is gone either way
				}
			});
		}
	}

	private void offer(Task task, int cost) {
		if (dropped.get()) {
			return;
		}
		if (pendingBytes.addAndGet(cost) > Math.min(bufferLimit, hub.sharePerConnection())) {
			drop(CloseStatus.SESSION_NOT_RELIABLE.withReason("send buffer full: the client does not read"));
			return;
		}
		inbox.add(task);
		if (draining.compareAndSet(false, true)) {
			hub.execute(this::drain);
		}
	}

	private void drain() {
		do {
			Task task;
			while (!dropped.get() && (task = inbox.poll()) != null) {
				try {
					task.run();
				} catch (IOException | RuntimeException e) {
					drop(CloseStatus.SERVER_ERROR);
				}
			}
			draining.set(false);
			// a task offered after the last poll but before the flag was cleared is taken here
		} while (!inbox.isEmpty() && !dropped.get() && draining.compareAndSet(false, true));
	}

	private void readRooms() throws IOException {
		List<RoomRights> readable = hub.access().readable(user);
		Map<UUID, Room> now = new LinkedHashMap<>();
		readable.forEach(r -> now.put(r.room().id(), r.room()));
		// a room locked, archived or the person muted also counts: the page then shows why it cannot post
		Map<UUID, String> posting = new HashMap<>();
		readable.forEach(r -> posting.put(r.room().id(), r.mayPost() + ":" + r.refusalKey() + ":" + r.mutedUntil()));
		boolean changed = !now.keySet().equals(rooms.keySet()) || (announced && !posting.equals(this.posting));
		this.posting = posting;
		Set<UUID> added = new java.util.HashSet<>(now.keySet());
		added.removeAll(rooms.keySet());
		rooms.keySet().retainAll(now.keySet());
		sent.keySet().retainAll(now.keySet());
		liveAfter.keySet().retainAll(now.keySet());
		early.keySet().retainAll(now.keySet());
		rooms.putAll(now);
		hub.follow(this, now.keySet());
		for (UUID room : added) {
			// live from here on; what was committed before the hub knew this room is caught up now
			sent.put(room, now.get(room).lastSeq());
			liveAfter.put(room, now.get(room).lastSeq());
			catchUp(now.get(room));
		}
		for (Room room : now.values()) {
			if (!added.contains(room.id()) && room.lastSeq() > sent.get(room.id())) {
				// newer than what was sent, its announcement still on the way or lost (another node's, while
				// the link was down): the database has it, and the announcement is skipped when it comes
				if (holding) {
					held.add(room.id());
				} else {
					catchUp(room);
				}
			}
		}
		if (changed || !announced) {
			// the client learns its rooms (and, the first time, that it is now live)
			send(hub.frames().rooms("rooms", sent));
			announced = true;
		}
	}

	private void resumeFrom(Map<UUID, Long> lastSeen) throws IOException {
		for (Map.Entry<UUID, Long> entry : lastSeen.entrySet()) {
			Room room = rooms.get(entry.getKey());
			// a room the person may not read is passed over like a missing one
			if (room == null) {
				continue;
			}
			long seen = entry.getValue();
			if (seen >= sent.get(room.id())) {
				sent.put(room.id(), seen);
				liveAfter.put(room.id(), seen);
				catchUp(room);
				held.remove(room.id());
			} else if (seen < liveAfter.get(room.id())) {
				// what came before this connection went live; what it has sent since, the client has (or will have) once
				sendBetween(room, seen, liveAfter.get(room.id()));
				liveAfter.put(room.id(), seen);
			}
		}
		endHold();
		send(hub.frames().rooms("resumed", sent));
	}

	private void deliver(ChatMessage message, String frame) throws IOException {
		Room room = rooms.get(message.roomId());
		Long last = sent.get(message.roomId());
		if (room == null || last == null || message.changedSeq() <= last) {
			return;
		}
		if (holding) {
			held.add(room.id());
			return;
		}
		if (message.changedSeq() == last + 1) {
			sendMessage(message, frame);
			sendEarly(room.id());
			return;
		}
		// its predecessors' announcements are still on their way (or were lost): wait a moment, then ask the database
		java.util.TreeMap<Long, ChatMessage> waiting = early.computeIfAbsent(room.id(), k -> new java.util.TreeMap<>());
		boolean first = waiting.isEmpty();
		waiting.put(message.changedSeq(), message);
		if (waiting.size() > MAX_EARLY) {
			catchUp(room);
		} else if (first) {
			awaitGap(room.id());
		}
	}

	private void awaitGap(UUID roomId) {
		java.util.concurrent.CompletableFuture.delayedExecutor(GAP_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)
			.execute(() -> offer(() -> gapTimedOut(roomId), 0));
	}

	/** Sends the waiting messages that now follow on what was sent, and forgets those sent meanwhile. */
	private void sendEarly(UUID roomId) throws IOException {
		java.util.TreeMap<Long, ChatMessage> waiting = early.get(roomId);
		while (waiting != null && !waiting.isEmpty()) {
			Map.Entry<Long, ChatMessage> next = waiting.firstEntry();
			long last = sent.get(roomId);
			if (next.getKey() <= last) {
				waiting.pollFirstEntry();
			} else if (next.getKey() == last + 1) {
				waiting.pollFirstEntry();
				sendMessage(next.getValue());
			} else {
				return;
			}
		}
		early.remove(roomId);
	}

	private void gapTimedOut(UUID roomId) throws IOException {
		Room room = rooms.get(roomId);
		if (room == null) {
			early.remove(roomId);
		} else if (early.containsKey(roomId) && !holding) {
			catchUp(room);
			if (early.containsKey(roomId)) {
				// what still waits is not in the database yet either (another node's commit on its way): look again
				awaitGap(roomId);
			}
		}
	}

	private void catchUp(Room room) throws IOException {
		List<ChatMessage> page;
		do {
			page = hub.messages().after(room, sent.get(room.id()), ChatProperties.MAX_PAGE);
			for (ChatMessage message : page) {
				sendMessage(message);
			}
		} while (page.size() == ChatProperties.MAX_PAGE && !dropped.get());
		sendEarly(room.id());
	}

	/** The room's messages after {@code after} up to {@code upTo}, without moving what counts as sent. */
	private void sendBetween(Room room, long after, long upTo) throws IOException {
		long cursor = after;
		while (cursor < upTo && !dropped.get()) {
			List<ChatMessage> page = hub.messages().after(room, cursor, ChatProperties.MAX_PAGE);
			for (ChatMessage message : page) {
				if (message.changedSeq() > upTo) {
					return;
				}
				send(hub.frames().message(message, user.accountId()));
				cursor = message.changedSeq();
			}
			if (page.size() < ChatProperties.MAX_PAGE) {
				return;
			}
		}
	}

	private void sendMessage(ChatMessage message) throws IOException {
		sendMessage(message, null);
	}

	private void sendMessage(ChatMessage message, String frame) throws IOException {
		send(frame != null ? frame : hub.frames().message(message, user.accountId()));
		sent.put(message.roomId(), message.changedSeq());
	}

	private interface Task {
		void run() throws IOException;
	}

	private void send(String frame) throws IOException {
		if (!dropped.get()) {
			session.sendMessage(new TextMessage(frame));
		}
	}
}
