package de.schulhaus.chat.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.core.StringRedisTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link ChatFanout}'s link to the other nodes over a Redis pub/sub channel. A committed message
 * is announced by school, room and seq only: each node reads the text from the database once, so
 * nothing but the database is trusted with content, and a node that missed an announcement (pub/sub
 * keeps nothing for a subscriber that is away) fills the gap from the database like any other: at the
 * room's next message, and for all rooms once its subscription is back.
 */
class RedisRelay implements ChatFanout.OtherNodes, MessageListener, SubscriptionListener, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RedisRelay.class);

	/** Announcements waiting for Redis; beyond this they are dropped, and the gaps filled as above. */
	private static final int QUEUE = 10_000;

	private final StringRedisTemplate redis;
	private final String channel;
	private final ChatFanout fanout;
	private final JsonMapper json;
	private final String node = UUID.randomUUID().toString();
	private final ThreadPoolExecutor publisher;
	private final AtomicBoolean subscribedBefore = new AtomicBoolean();

	RedisRelay(StringRedisTemplate redis, String channel, ChatFanout fanout, JsonMapper json) {
		this.redis = redis;
		this.channel = channel;
		this.fanout = fanout;
		this.json = json;
		// the poster's thread never waits for Redis, and one thread keeps this node's announcements in order
		this.publisher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
			Thread thread = new Thread(r, "chat-redis-publish");
			thread.setDaemon(true);
			return thread;
		}, (task, executor) -> log.warn("Chat announcements to the other nodes are backed up; one was dropped (they catch up from the database)"));
		fanout.relayTo(this);
	}

	@Override
	public void published(UUID schoolId, UUID roomId, long seq) {
		send(new Announcement(node, Announcement.MESSAGE, schoolId, roomId, seq, null, null));
	}

	@Override
	public void roomsChanged(UUID schoolId, List<UUID> accountIdsOrNullForAll) {
		send(new Announcement(node, Announcement.ROOMS, schoolId, null, null, accountIdsOrNullForAll, null));
	}

	@Override
	public void accountsClosed(UUID schoolId, List<UUID> accountIds) {
		send(new Announcement(node, Announcement.CLOSED, schoolId, null, null, accountIds, null));
	}

	@Override
	public void signal(LiveSignal signal) {
		// best effort: never takes the place of a message's announcement in a backed-up queue
		if (publisher.getQueue().size() < QUEUE / 2) {
			send(new Announcement(node, signal.kind(), signal.schoolId(), signal.roomId(), signal.seq(),
					signal.accountId() == null ? null : List.of(signal.accountId()), signal.name()));
		}
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		Announcement announcement;
		try {
			announcement = json.readValue(new String(message.getBody(), StandardCharsets.UTF_8), Announcement.class);
		} catch (RuntimeException e) {
			log.warn("Ignored an unreadable announcement on the chat channel: {}", e.toString());
			return;
		}
		if (node.equals(announcement.node()) || announcement.schoolId() == null) {
			// this node's own: its connections had it in-process already
			return;
		}
		switch (announcement.kind()) {
			case Announcement.MESSAGE -> {
				if (announcement.roomId() != null && announcement.seq() != null) {
					fanout.announcedElsewhere(announcement.schoolId(), announcement.roomId(), announcement.seq());
				}
			}
			case Announcement.ROOMS -> fanout.roomsChangedElsewhere(announcement.schoolId(), announcement.accountIds());
			case Announcement.CLOSED -> {
				if (announcement.accountIds() != null) {
					fanout.accountsClosedElsewhere(announcement.schoolId(), announcement.accountIds());
				}
			}
			case LiveSignal.TYPING, LiveSignal.READ -> {
				if (announcement.roomId() != null && announcement.accountIds() != null && announcement.accountIds().size() == 1) {
					fanout.signalElsewhere(new LiveSignal(announcement.kind(), announcement.schoolId(), announcement.roomId(),
							announcement.accountIds().get(0), announcement.name(), announcement.seq() == null ? 0 : announcement.seq()));
				}
			}
			default -> log.debug("Ignored a chat announcement of kind {}", announcement.kind());
		}
	}

	@Override
	public void onChannelSubscribed(byte[] subscribed, long count) {
		// the first time, nothing was missed yet; afterwards the subscription was lost and is back
		if (subscribedBefore.getAndSet(true)) {
			log.info("Chat channel subscribed again: live connections catch up from the database");
			fanout.othersMayHaveBeenMissed();
		}
	}

	private void send(Announcement announcement) {
		publisher.execute(() -> {
			try {
				redis.convertAndSend(channel, json.writeValueAsString(announcement));
			} catch (RuntimeException e) {
				log.warn("Announcing to the other nodes failed (they catch up from the database): {}", e.toString());
			}
		});
	}

	@Override
	public void destroy() {
		publisher.shutdown();
	}

	/** What goes over the channel; {@code node} is the sender, so it skips its own. */
	record Announcement(String node, String kind, UUID schoolId, UUID roomId, Long seq, List<UUID> accountIds, String name) {

		static final String MESSAGE = "message";
		static final String ROOMS = "rooms";
		static final String CLOSED = "closed";
	}
}
