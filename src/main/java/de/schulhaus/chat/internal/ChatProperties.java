package de.schulhaus.chat.internal;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The messenger's settings ({@code schulhaus.chat.*}).
 *
 * @param postBurst messages a person may post into one room in a row before the rate limit applies
 * @param postsPerMinute the steady rate per person and room after the burst
 * @param sendBufferBytes what a WebSocket connection may have waiting unsent before it is dropped
 * @param sendTimeLimit how long one send to a client may take before the connection is dropped
 * @param redisUrl the Redis server that carries what is committed on one node to the live connections
 *        of the others ({@code redis://}, {@code rediss://} or {@code redis-sentinel://}); empty: one node,
 *        delivery in-process only
 * @param redisChannel the pub/sub channel of the nodes of one installation
 * @param attachmentMaxBytes the largest file posted with a message (stored in the poster's cloud files)
 * @param digestDelay how long a mention may stay unread before it goes into the person's mail digest
 *        (with the mail module: "Sie wurden im Chat erwähnt")
 * @param roomsPerHour direct and group chats one person may start in an hour (a direct chat found again does not count)
 * @param postLanes how many batches of posts a node writes at once ({@link PostWriteBatches}), each on a connection of
 *        the database pool while it writes; a room's posts always go through the same one
 */
@ConfigurationProperties("schulhaus.chat")
public record ChatProperties(@DefaultValue("10") int postBurst, @DefaultValue("30") int postsPerMinute,
		@DefaultValue("524288") int sendBufferBytes, @DefaultValue("10s") Duration sendTimeLimit, @DefaultValue("") String redisUrl,
		@DefaultValue("schulhaus:chat") String redisChannel, @DefaultValue("25MB") DataSize attachmentMaxBytes,
		@DefaultValue("30m") Duration digestDelay,
		@DefaultValue("20") int roomsPerHour, @DefaultValue("2") int postLanes) {

	/** The most messages one page answers, over HTTP and in a catch-up step. */
	public static final int MAX_PAGE = 100;
}
