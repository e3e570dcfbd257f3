package de.schulhaus.chat.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import de.schulhaus.chat.internal.ChatFanout;
import de.schulhaus.chat.internal.ChatProperties;
import de.schulhaus.chat.internal.LiveSignal;
import tools.jackson.databind.json.JsonMapper;

/** Typing and read frames are best effort: a client that falls behind loses them first, and is never dropped for them. */
class ChatConnectionSignalTests {

	@Test
	void signalsAreDroppedRatherThanQueuedWhileTheClientIsBehind() throws Exception {
		CountDownLatch reading = new CountDownLatch(1);
		List<String> sent = Collections.synchronizedList(new ArrayList<>());
		WebSocketSession session = mock(WebSocketSession.class);
		doAnswer(call -> {
			// the client reads nothing until the test lets it
			reading.await(20, TimeUnit.SECONDS);
			sent.add(((TextMessage) call.getArgument(0)).getPayload());
			return null;
		}).when(session).sendMessage(any());
		Frames frames = new Frames(JsonMapper.builder().build());
		ChatHub hub = new ChatHub(null, null, frames, new ChatFanout(), null, null);
		try {
			ChatConnection connection = new ChatConnection(hub, session, null, new ChatProperties(10, 30, 8_000, Duration.ofSeconds(10), "", "c", org.springframework.util.unit.DataSize.ofMegabytes(25), Duration.ofMinutes(30), 20, 2));
			String frame = frames.signal(LiveSignal.typing(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Anna Schmidt"));
			for (int i = 0; i < 200; i++) {
				connection.signal(frame);
			}
			reading.countDown();
			await().atMost(Duration.ofSeconds(20)).until(() -> !sent.isEmpty());
			Thread.sleep(300);
			// an eighth of the 8,000-byte buffer holds a handful of these frames; the rest were never queued
			assertThat(sent.size()).isBetween(1, 1_000 / (frame.length() * 2) + 1);
			assertThat(connection.dropped()).as("never dropped for signals").isFalse();

			int before = sent.size();
			connection.signal(frame);
			await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == before + 1);
		} finally {
			hub.destroy();
		}
	}

	@Test
	void aConnectionMayQueueOnlyItsShareOfTheNodesBudget() throws Exception {
		CountDownLatch reading = new CountDownLatch(1);
		WebSocketSession session = mock(WebSocketSession.class);
		doAnswer(call -> {
			reading.await(20, TimeUnit.SECONDS);
			return null;
		}).when(session).sendMessage(any());
		Frames frames = new Frames(JsonMapper.builder().build());
		ChatHub hub = new ChatHub(null, null, frames, new ChatFanout(), null, null);
		try {
			ChatProperties roomy = new ChatProperties(10, 30, 512 * 1024, Duration.ofSeconds(10), "", "c",
					org.springframework.util.unit.DataSize.ofMegabytes(25), Duration.ofMinutes(30), 20, 2);
			de.schulhaus.platform.SchulhausUser pupil = new de.schulhaus.platform.SchulhausUser(UUID.randomUUID(), UUID.randomUUID(), "p", "Paul",
					de.schulhaus.platform.Role.PUPIL, "de", false, true, null);
			ChatConnection generous = new ChatConnection(hub, session, pupil, roomy);
			ChatConnection squeezed = new ChatConnection(hub, session, pupil, roomy);
			// the client stops reading: the first frame blocks its drain, the rest wait
			generous.signal(frames.signal(LiveSignal.typing(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "A")));
			squeezed.signal(frames.signal(LiveSignal.typing(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "A")));
			Thread.sleep(200);
			for (int i = 0; i < 20; i++) {
				generous.message(message(i), null);
			}
			assertThat(generous.dropped()).as("20 × 2.3 KB waiting is well within a quarter of the heap").isFalse();
			hub.queueBudget(20_000);
			for (int i = 0; i < 20; i++) {
				squeezed.message(message(i), null);
			}
			assertThat(squeezed.dropped()).as("beyond its share of a 20 KB budget").isTrue();
		} finally {
			reading.countDown();
			hub.destroy();
		}
	}

	private static de.schulhaus.chat.internal.ChatMessage message(int n) {
		return new de.schulhaus.chat.internal.ChatMessage(UUID.randomUUID(), UUID.randomUUID(), n + 1, n + 1, UUID.randomUUID(), "Anna",
				"x".repeat(1_000), "<p>" + "x".repeat(1_000) + "</p>", java.time.Instant.now(), null, false, null, List.of(), List.of(), List.of());
	}
}
