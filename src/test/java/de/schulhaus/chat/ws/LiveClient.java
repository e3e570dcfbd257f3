package de.schulhaus.chat.ws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;

/** A real WebSocket client (the JDK's) that keeps every text frame it receives and the close status. */
final class LiveClient implements WebSocket.Listener {

	final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
	final CompletableFuture<Integer> closed = new CompletableFuture<>();
	private final StringBuilder partial = new StringBuilder();
	WebSocket socket;

	static LiveClient connect(int port, String cookie) throws Exception {
		LiveClient client = new LiveClient();
		client.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", cookie).connectTimeout(Duration.ofSeconds(10))
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client).get(10, TimeUnit.SECONDS);
		return client;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		partial.append(data);
		if (last) {
			frames.add(partial.toString());
			partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		closed.completeExceptionally(error);
	}

	/** The next frame of this type, skipping others; fails after the timeout. */
	String next(String type, Duration timeout) throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		while (true) {
			String frame = frames.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (frame == null) {
				throw new AssertionError("no " + type + " frame within " + timeout);
			}
			if (type.equals(JsonPath.read(frame, "$.type"))) {
				return frame;
			}
		}
	}

	/** The seqs of the next {@code count} message frames, in the order they came. */
	List<Integer> messageSeqs(int count, Duration timeout) throws InterruptedException {
		List<Integer> seqs = new ArrayList<>();
		while (seqs.size() < count) {
			seqs.add(JsonPath.read(next("message", timeout), "$.seq"));
		}
		return seqs;
	}

	/** Every frame that arrives within {@code quiet}. */
	List<String> rest(Duration quiet) throws InterruptedException {
		List<String> rest = new ArrayList<>();
		String frame;
		while ((frame = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
			rest.add(frame);
		}
		return rest;
	}

	void send(String text) {
		socket.sendText(text, true).join();
	}

	void sendBinary(byte[] bytes) {
		socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
	}

	void close() throws Exception {
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
		closed.get(10, TimeUnit.SECONDS);
	}
}
