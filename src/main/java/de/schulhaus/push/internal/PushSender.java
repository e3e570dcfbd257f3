package de.schulhaus.push.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import de.schulhaus.push.internal.PushSubscriptions.Subscription;

/**
 * Posts encrypted messages to the browsers' push services (RFC 8030) with the VAPID header, all of one
 * notification at once. What the service answers decides: 201 delivered; 404 and 410 the subscription is
 * gone (no longer sent to, see {@link PushSubscriptions#gone}); 400, 403 and 413 the message is refused (logged, not retried); 429, 5xx and
 * network errors are tried again {@value #ATTEMPTS} times in all after a pause (the service's
 * {@code Retry-After} up to a minute), then given up and logged: a notification is still under the bell.
 */
@Component
public class PushSender {

	static final int ATTEMPTS = 3;
	static final int IN_FLIGHT = 100;
	/** Seconds a push service keeps a message for a device that is offline: a day, then it is old news. */
	static final int TIME_TO_LIVE = 86_400;
	private static final Logger log = LoggerFactory.getLogger(PushSender.class);
	private static final Duration MAX_PAUSE = Duration.ofMinutes(1);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NEVER).build();
	private final VapidKeys vapid;
	private final PushSubscriptions subscriptions;
	private final PushDestinations destinations;
	private final Duration firstPause;

	/** @param firstPause before the second attempt; four times as long before the third */
	PushSender(VapidKeys vapid, PushSubscriptions subscriptions, PushDestinations destinations,
			@Value("${schulhaus.push.retry-pause:2s}") Duration firstPause) {
		this.vapid = vapid;
		this.subscriptions = subscriptions;
		this.destinations = destinations;
		this.firstPause = firstPause;
	}

	/**
	 * Sends each message and waits until every one is delivered, refused or given up; at most
	 * {@value #IN_FLIGHT} at a time (a school's notification may reach a thousand devices, mostly at
	 * one push service).
	 */
	public void sendAll(List<Message> messages) {
		for (int from = 0; from < messages.size(); from += IN_FLIGHT) {
			CompletableFuture.allOf(messages.subList(from, Math.min(messages.size(), from + IN_FLIGHT)).stream()
				.map(m -> attempt(m, 1)).toArray(CompletableFuture[]::new)).join();
		}
	}

	private CompletableFuture<Void> attempt(Message message, int attempt) {
		URI endpoint = URI.create(message.subscription().endpoint());
		switch (destinations.check(endpoint)) {
			case REFUSE -> {
				// a name that leads into the data centre: nothing is sent there, and it is no push service
				log.warn("push endpoint at {} resolves to an internal address; subscription removed", endpoint.getHost());
				subscriptions.refused(message.subscription());
				return CompletableFuture.completedFuture(null);
			}
			case UNRESOLVED -> {
				return retry(message, attempt, null, "did not resolve");
			}
			case SEND -> {
			}
		}
		HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
			.header("TTL", String.valueOf(TIME_TO_LIVE))
			.header("Urgency", "normal")
			.header("Content-Encoding", "aes128gcm")
			.header("Content-Type", "application/octet-stream")
			.header("Authorization", vapid.signer().authorization(endpoint, Instant.now()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(message.body()))
			.build();
		return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
			.handle((response, error) -> {
				if (error != null) {
					return retry(message, attempt, null, "failed: " + error.getMessage());
				}
				int status = response.statusCode();
				if (status >= 200 && status < 300) {
					return CompletableFuture.<Void>completedFuture(null);
				}
				if (status == 404 || status == 410) {
					subscriptions.gone(message.subscription());
					return CompletableFuture.<Void>completedFuture(null);
				}
				if (status == 429 || status >= 500) {
					return retry(message, attempt, response.headers().firstValue("Retry-After").orElse(null), "answered " + status);
				}
				log.warn("push service {} refused a message with {}", endpoint.getHost(), status);
				return CompletableFuture.<Void>completedFuture(null);
			})
			.thenCompose(next -> next);
	}

	private CompletableFuture<Void> retry(Message message, int attempt, String retryAfter, String what) {
		String host = URI.create(message.subscription().endpoint()).getHost();
		if (attempt >= ATTEMPTS) {
			log.warn("push service {} {} {} times; message given up", host, what, attempt);
			return CompletableFuture.completedFuture(null);
		}
		Duration pause = pause(retryAfter, firstPause.multipliedBy(1L << (2 * (attempt - 1))));
		log.info("push service {} {}; trying again in {} s", host, what, pause.toSeconds());
		return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS))
			.thenCompose(ignored -> attempt(message, attempt + 1));
	}

	/** The service's Retry-After in seconds where it gave one (at most a minute), else ours. */
	static Duration pause(String retryAfter, Duration otherwise) {
		if (retryAfter != null && retryAfter.strip().matches("\\d{1,6}")) {
			Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
			return asked.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : asked;
		}
		return otherwise;
	}

	/** One encrypted message for one subscription. */
	public record Message(Subscription subscription, byte[] body) {
	}
}
