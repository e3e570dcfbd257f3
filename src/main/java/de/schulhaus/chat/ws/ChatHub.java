package de.schulhaus.chat.ws;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import de.schulhaus.chat.internal.ChatFanout;
import de.schulhaus.chat.internal.ChatMessage;
import de.schulhaus.chat.internal.ChatMessages;
import de.schulhaus.chat.internal.LiveSignal;
import de.schulhaus.chat.internal.RoomAccess;
import de.schulhaus.platform.SignedInSessions;
import de.schulhaus.platform.WebSessionsEnded;

/**
 * This node's live connections, indexed by room and by person, fed by the {@link ChatFanout}. It
 * only hands work to the connections; their drains run on the hub's {@link DrainWorkers}, never the poster's.
 */
@Component
class ChatHub implements ChatFanout.Receiver, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ChatHub.class);

	private final RoomAccess access;
	private final ChatMessages messages;
	private final Frames frames;
	private final DrainWorkers drains;
	private final ChatFanout fanout;
	private final SocketPosts posts;
	/**
	 * Where posts over the live connections run: a few threads, fewer than the database pool has connections, and a bounded
	 * queue; beyond it a post is refused (503), as Tomcat's own thread limit bounds posts over HTTP.
	 */
	private final ThreadPoolExecutor postings;
	private final SignedInSessions sessions;
	private final ScheduledExecutorService sessionCheck;

	private final Map<UUID, Set<ChatConnection>> byRoom = new ConcurrentHashMap<>();
	private final Map<UUID, Set<ChatConnection>> byAccount = new ConcurrentHashMap<>();
	private final Map<ChatConnection, Set<UUID>> followed = new ConcurrentHashMap<>();
	private final AtomicInteger live = new AtomicInteger();
	/**
	 * What all of this node's connections together may have waiting to be sent: a quarter of the heap. Each connection may
	 * hold its share of it (at most {@code schulhaus.chat.send-buffer-bytes}), so that a node that falls behind with
	 * thousands of connections drops the slowest and lets them resume from the database, instead of filling its heap.
	 */
	private volatile long queueBudget = Runtime.getRuntime().maxMemory() / 4;

	ChatHub(RoomAccess access, ChatMessages messages, Frames frames, ChatFanout fanout, SocketPosts posts, SignedInSessions sessions) {
		this.posts = posts;
		this.sessions = sessions;
		this.access = access;
		this.messages = messages;
		this.frames = frames;
		this.fanout = fanout;
		this.drains = new DrainWorkers(DRAIN_THREADS, "chat-ws");
		this.postings = new ThreadPoolExecutor(POSTING_THREADS, POSTING_THREADS, 1, TimeUnit.MINUTES,
				new LinkedBlockingQueue<>(POSTS_WAITING), DrainWorkers.daemons("chat-post"));
		fanout.subscribe(this);
		this.sessionCheck = Executors.newSingleThreadScheduledExecutor(DrainWorkers.daemons("chat-sessions"));
		sessionCheck.scheduleWithFixedDelay(this::closeEndedSessionsLogged, SESSION_CHECK_SECONDS, SESSION_CHECK_SECONDS,
				TimeUnit.SECONDS);
	}

	private void closeEndedSessionsLogged() {
		try {
			closeEndedSessions();
		} catch (RuntimeException e) {
			// the database may be away for a moment: the next check comes
			log.warn("Could not check the web sessions of the live connections.", e);
		}
	}

	static final int POSTING_THREADS = 8;
	/** Drains run on these few threads, and on one more for each of them stuck in a send or a database read. */
	static final int DRAIN_THREADS = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
	static final int POSTS_WAITING = 5_000;
	/** How often the node looks whether its connections' web sessions are still open. */
	static final long SESSION_CHECK_SECONDS = 30;
	private static final CloseStatus SIGNED_OUT = CloseStatus.POLICY_VIOLATION.withReason("signed out");

	Executor postings() {
		return postings;
	}

	void connect(ChatConnection connection) {
		live.incrementAndGet();
		byAccount.computeIfAbsent(connection.user().accountId(), k -> ConcurrentHashMap.newKeySet()).add(connection);
		connection.refresh();
		connection.startHold();
	}

	/** The connection is closed or dropped: it hears nothing more. */
	void forget(ChatConnection connection) {
		live.decrementAndGet();
		Set<ChatConnection> mine = byAccount.get(connection.user().accountId());
		if (mine != null) {
			mine.remove(connection);
		}
		for (UUID room : followed.getOrDefault(connection, Set.of())) {
			byRoom.getOrDefault(room, Set.of()).remove(connection);
		}
		followed.remove(connection);
	}

	/** Called by the connection's drain with the rooms it reads now. */
	void follow(ChatConnection connection, Collection<UUID> roomIds) {
		Set<UUID> before = followed.getOrDefault(connection, Set.of());
		for (UUID room : before) {
			if (!roomIds.contains(room)) {
				Set<ChatConnection> readers = byRoom.get(room);
				if (readers != null) {
					readers.remove(connection);
				}
			}
		}
		for (UUID room : roomIds) {
			byRoom.computeIfAbsent(room, k -> ConcurrentHashMap.newKeySet()).add(connection);
		}
		followed.put(connection, Set.copyOf(roomIds));
		if (connection.dropped()) {
			// dropped while this ran: whatever forget() did not see yet goes now
			roomIds.forEach(room -> byRoom.getOrDefault(room, Set.of()).remove(connection));
			followed.remove(connection);
		}
	}

	/** What one connection may have waiting now: its share of the node's budget. */
	long sharePerConnection() {
		return queueBudget / Math.max(1, live.get());
	}

	/** For tests: a smaller budget than a quarter of the heap. */
	void queueBudget(long bytes) {
		queueBudget = bytes;
	}

	/** How many live connections the person has on this node. */
	int connections(UUID accountId) {
		return byAccount.getOrDefault(accountId, Set.of()).size();
	}

	@Override
	public void message(UUID schoolId, ChatMessage message) {
		Set<ChatConnection> readers = byRoom.getOrDefault(message.roomId(), Set.of());
		if (readers.isEmpty()) {
			return;
		}
		String frame = frames.shared(message);
		for (ChatConnection connection : readers) {
			connection.message(message, frame);
		}
	}

	@Override
	public void announced(UUID schoolId, UUID roomId, long seq) {
		Set<ChatConnection> readers = byRoom.getOrDefault(roomId, Set.of());
		if (readers.isEmpty()) {
			return;
		}
		// read once for all of this node's readers, off the relay's thread; a message not found (yet) is
		// caught up by the next one of the room, as any gap is
		drains.execute(() -> messages.at(schoolId, roomId, seq).ifPresent(message -> message(schoolId, message)));
	}

	/** To the room's readers on this node other than the one it is about; each connection drops it rather than queue it. */
	@Override
	public void signal(LiveSignal signal) {
		Set<ChatConnection> readers = byRoom.getOrDefault(signal.roomId(), Set.of());
		if (readers.isEmpty()) {
			return;
		}
		String frame = frames.signal(signal);
		for (ChatConnection connection : readers) {
			if (!connection.user().accountId().equals(signal.accountId())) {
				connection.signal(frame);
			}
		}
	}

	void typing(ChatConnection connection, UUID roomId) {
		fanout.signal(LiveSignal.typing(connection.user().schoolId(), roomId, connection.user().accountId(), connection.user().displayName()));
	}

	@Override
	public void announcementsMayBeLost() {
		byAccount.values().forEach(set -> set.forEach(ChatConnection::refresh));
	}

	@Override
	public void roomsChanged(UUID schoolId, List<UUID> accountIds) {
		if (accountIds == null) {
			byAccount.values().forEach(set -> set.stream().filter(c -> schoolId.equals(c.user().schoolId())).forEach(ChatConnection::refresh));
		} else {
			accountIds.forEach(id -> byAccount.getOrDefault(id, Set.of()).forEach(ChatConnection::refresh));
		}
	}

	@Override
	public void accountsClosed(UUID schoolId, List<UUID> accountIds) {
		accountIds.forEach(id -> List.copyOf(byAccount.getOrDefault(id, Set.of())).forEach(c -> c.drop(SIGNED_OUT)));
	}

	/** Web sessions ended on this node (a sign-out, an admin's change): the connections they opened close at once. */
	@EventListener
	void sessionsEnded(WebSessionsEnded ended) {
		connections().filter(c -> ended.logins().contains(c.user().login())
				|| c.webSession() != null && ended.sessionIds().contains(c.webSession())).forEach(c -> c.drop(SIGNED_OUT));
	}

	/**
	 * Closes the connections whose web session has ended where this node did not see it end (signed out on another node,
	 * timed out), every {@link #SESSION_CHECK_SECONDS} s: one look-up for all of them, not one per post. A pupil's posts are
	 * mostly minutes apart, so a check per post, even at most one per half minute, was a database read for nearly each.
	 * Each node checks its own connections, so this is no cluster job.
	 */
	void closeEndedSessions() {
		List<ChatConnection> withSession = connections().filter(c -> c.webSession() != null && !c.dropped()).toList();
		if (withSession.isEmpty()) {
			return;
		}
		Set<String> open = sessions.openAmong(withSession.stream().map(ChatConnection::webSession).toList());
		withSession.stream().filter(c -> !open.contains(c.webSession())).forEach(c -> c.drop(SIGNED_OUT));
	}

	private Stream<ChatConnection> connections() {
		return byAccount.values().stream().flatMap(Set::stream);
	}

	void execute(Runnable task) {
		drains.execute(task);
	}

	RoomAccess access() {
		return access;
	}

	ChatMessages messages() {
		return messages;
	}

	Frames frames() {
		return frames;
	}

	SocketPosts posts() {
		return posts;
	}

	@Override
	public void destroy() {
		drains.shutdownNow();
		postings.shutdownNow();
		sessionCheck.shutdownNow();
	}
}
