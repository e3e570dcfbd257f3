package de.schulhaus.push.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.PlatformProperties;
import de.schulhaus.platform.SchulhausUser;

/**
 * The {@code push_subscription} table: the devices on which a person wants notifications. A person
 * reads and deletes only their own (another's id or endpoint is not found, like a missing one); the
 * sender reads them by school and people. A person keeps at most {@value #MAX_PER_PERSON}: a new one
 * beyond replaces the oldest (gone ones first), so nobody makes the server send thousands of requests per
 * notification. A subscription its push service called gone is not sent to or listed any more, but kept for
 * {@link #GONE_KEPT} so that its browser can still renew it ({@link #renew}); then {@link GoneSubscriptionSweep} deletes it.
 */
@Component
public class PushSubscriptions {

	static final int MAX_PER_PERSON = 10;
	/**
	 * How long a gone subscription can still be renewed: the browser's {@code pushsubscriptionchange} comes when
	 * it next runs, which after the summer holidays may be six weeks on.
	 */
	static final Duration GONE_KEPT = Duration.ofDays(60);
	private static final int IDS_PER_QUERY = 1000;
	private static final String COLUMNS = "id, school_id, account_id, endpoint, p256dh, auth, created_at";

	private final JdbcClient jdbc;
	private final boolean production;

	PushSubscriptions(JdbcClient jdbc, PlatformProperties platform) {
		this.jdbc = jdbc;
		this.production = platform.production();
	}

	/**
	 * Stores what the browser's {@code pushManager.subscribe} gave, checked first: an {@code https}
	 * endpoint (plain {@code http} only to this machine outside production, for tests), a P-256 key
	 * and a 16-octet secret. The same endpoint subscribed before (by anyone) is replaced.
	 */
	@Transactional
	public Subscription subscribe(SchulhausUser person, String endpoint, String p256dh, String auth) {
		UUID school = requireSchool(person);
		URI uri = checkedEndpoint(endpoint);
		checkKeys(p256dh, auth);
		jdbc.sql("delete from push_subscription where endpoint = :endpoint").param("endpoint", uri.toString()).update();
		List<UUID> kept = jdbc.sql("select id from push_subscription where account_id = :account and school_id = :school "
				+ "order by case when gone_at is null then 0 else 1 end, created_at desc, id desc").param("account", person.accountId()).param("school", school).query(UUID.class).list();
		if (kept.size() >= MAX_PER_PERSON) {
			jdbc.sql("delete from push_subscription where id in (:ids) and school_id = :school")
				.param("ids", kept.subList(MAX_PER_PERSON - 1, kept.size())).param("school", school).update();
		}
		Subscription subscription = new Subscription(Ids.newId(), school, person.accountId(), uri.toString(), p256dh.strip(), auth.strip(),
				Instant.now());
		// a browser that subscribes twice at once (two tabs, a retried request): the second insert finds the first's row
		int inserted = jdbc.sql("insert into push_subscription (" + COLUMNS + ") values (:id, :school, :account, :endpoint, :p256dh, :auth, :at) "
				+ "on conflict do nothing")
			.param("id", subscription.id()).param("school", school).param("account", person.accountId())
			.param("endpoint", subscription.endpoint()).param("p256dh", subscription.p256dh()).param("auth", subscription.auth())
			.param("at", utc(subscription.createdAt())).update();
		if (inserted == 1) {
			return subscription;
		}
		// the endpoint is the browser's: whoever subscribed it last (signed in there now) gets its messages
		jdbc.sql("update push_subscription set school_id = :school, account_id = :account, p256dh = :p256dh, auth = :auth, gone_at = null "
				+ "where endpoint = :endpoint")
			.param("school", school).param("account", person.accountId()).param("p256dh", subscription.p256dh())
			.param("auth", subscription.auth()).param("endpoint", subscription.endpoint()).update();
		return jdbc.sql("select " + COLUMNS + " from push_subscription where endpoint = :endpoint").param("endpoint", subscription.endpoint())
			.query(PushSubscriptions::subscriptionOf).single();
	}

	/**
	 * A browser renewed its subscription on its own (the service worker's {@code pushsubscriptionchange}, when the
	 * push service rotates it, often while nobody is signed in): the old subscription's row gets the new endpoint and
	 * keys and stays its person's. Whoever asks proves it is that browser by the old subscription's authentication
	 * secret, which only the browser and this server know; a wrong one or an endpoint not subscribed here (or gone
	 * longer than {@link #GONE_KEPT}) is not found, alike. The new subscription is checked as {@link #subscribe} checks one, and replaces any row of its
	 * endpoint.
	 */
	@Transactional
	public Subscription renew(String oldEndpoint, String oldAuth, String endpoint, String p256dh, String auth) {
		Subscription old = oldEndpoint == null || oldAuth == null ? null
				: jdbc.sql("select " + COLUMNS + " from push_subscription where endpoint = :endpoint and (gone_at is null or gone_at > :since)")
					.param("endpoint", oldEndpoint.strip()).param("since", utc(Instant.now().minus(GONE_KEPT)))
					.query(PushSubscriptions::subscriptionOf).optional().orElse(null);
		if (old == null || !MessageDigest.isEqual(old.auth().getBytes(StandardCharsets.US_ASCII), oldAuth.strip().getBytes(StandardCharsets.US_ASCII))) {
			throw new NotFoundException("subscription");
		}
		URI uri = checkedEndpoint(endpoint);
		checkKeys(p256dh, auth);
		jdbc.sql("delete from push_subscription where endpoint = :endpoint and id <> :id").param("endpoint", uri.toString())
			.param("id", old.id()).update();
		jdbc.sql("update push_subscription set endpoint = :endpoint, p256dh = :p256dh, auth = :auth, gone_at = null "
				+ "where id = :id and school_id = :school")
			.param("endpoint", uri.toString()).param("p256dh", p256dh.strip()).param("auth", auth.strip())
			.param("id", old.id()).param("school", old.schoolId()).update();
		return new Subscription(old.id(), old.schoolId(), old.accountId(), uri.toString(), p256dh.strip(), auth.strip(), old.createdAt());
	}

	/** The person's devices that get pushes, newest first. */
	public List<Subscription> of(SchulhausUser person) {
		if (person.schoolId() == null) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from push_subscription where account_id = :account and school_id = :school "
				+ "and gone_at is null order by created_at desc, id desc")
			.param("account", person.accountId()).param("school", person.schoolId()).query(PushSubscriptions::subscriptionOf).list();
	}

	/** Deletes one of the person's subscriptions; {@link NotFoundException} for anybody else's and a missing one. */
	public void unsubscribe(SchulhausUser person, UUID id) {
		int deleted = person.schoolId() == null ? 0
				: jdbc.sql("delete from push_subscription where id = :id and account_id = :account and school_id = :school")
					.param("id", id).param("account", person.accountId()).param("school", person.schoolId()).update();
		if (deleted == 0) {
			throw new NotFoundException("subscription");
		}
	}

	/** Deletes the person's subscription of this endpoint (the browser's own); {@link NotFoundException} for anybody else's. */
	public void unsubscribe(SchulhausUser person, String endpoint) {
		int deleted = person.schoolId() == null || endpoint == null ? 0
				: jdbc.sql("delete from push_subscription where endpoint = :endpoint and account_id = :account and school_id = :school")
					.param("endpoint", endpoint.strip()).param("account", person.accountId()).param("school", person.schoolId()).update();
		if (deleted == 0) {
			throw new NotFoundException("subscription");
		}
	}

	/** The subscriptions of these people of the school that are not gone, in queries of {@value #IDS_PER_QUERY} people. */
	public List<Subscription> ofPeople(UUID schoolId, Collection<UUID> accountIds) {
		List<UUID> ids = List.copyOf(new java.util.LinkedHashSet<>(accountIds));
		List<Subscription> found = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
			found.addAll(jdbc.sql("select " + COLUMNS + " from push_subscription where account_id in (:accounts) and school_id = :school "
					+ "and gone_at is null")
				.param("accounts", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))).param("school", schoolId)
				.query(PushSubscriptions::subscriptionOf).list());
		}
		return found;
	}

	/**
	 * The push service said the subscription is gone (404, 410): nothing is sent there any more; its browser may
	 * still renew it within {@link #GONE_KEPT}.
	 */
	public void gone(Subscription subscription) {
		jdbc.sql("update push_subscription set gone_at = :now where id = :id and school_id = :school and gone_at is null")
			.param("now", utc(Instant.now())).param("id", subscription.id()).param("school", subscription.schoolId()).update();
	}

	/** The endpoint leads where this server never posts (an internal address): deleted at once. */
	public void refused(Subscription subscription) {
		jdbc.sql("delete from push_subscription where id = :id and school_id = :school")
			.param("id", subscription.id()).param("school", subscription.schoolId()).update();
	}

	/** Deletes the subscriptions gone before {@code cutoff}; how many. */
	public int deleteGoneBefore(Instant cutoff) {
		return jdbc.sql("delete from push_subscription where gone_at < :cutoff").param("cutoff", utc(cutoff)).update();
	}

	/** Everything of a deleted school. */
	public int deleteSchool(UUID schoolId) {
		return jdbc.sql("delete from push_subscription where school_id = :school").param("school", schoolId).update();
	}

	/** All of one person's, in the caller's transaction (erasure); how many there were. */
	public int deletePerson(UUID schoolId, UUID accountId) {
		return jdbc.sql("delete from push_subscription where account_id = :account and school_id = :school")
			.param("account", accountId).param("school", schoolId).update();
	}

	URI checkedEndpoint(String endpoint) {
		if (endpoint == null || endpoint.isBlank() || endpoint.length() > 1000) {
			throw new InvalidInputException("endpoint", "push.error.endpoint");
		}
		URI uri;
		try {
			uri = new URI(endpoint.strip());
		}
		catch (URISyntaxException e) {
			throw new InvalidInputException("endpoint", "push.error.endpoint");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		String host = uri.getHost();
		if (host == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			throw new InvalidInputException("endpoint", "push.error.endpoint");
		}
		boolean local = isLoopbackOrPrivate(host);
		if ("https".equals(scheme) && !(production && local)) {
			return uri;
		}
		if ("http".equals(scheme) && !production && isLoopback(host)) {
			return uri;
		}
		throw new InvalidInputException("endpoint", "push.error.endpoint");
	}

	private static void checkKeys(String p256dh, String auth) {
		try {
			P256.publicKey(P256.fromBase64Url(p256dh == null ? "" : p256dh));
			if (P256.fromBase64Url(auth == null ? "" : auth).length != PushEncryption.AUTH_SECRET_LENGTH) {
				throw new InvalidInputException("keys", "push.error.keys");
			}
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("keys", "push.error.keys");
		}
	}

	private static boolean isLoopback(String host) {
		String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		return "localhost".equalsIgnoreCase(name) || "127.0.0.1".equals(name) || "::1".equals(name) || "0:0:0:0:0:0:0:1".equals(name);
	}

	/** A name for this machine or an address literal of a private network: never a push service. */
	private static boolean isLoopbackOrPrivate(String host) {
		if (isLoopback(host) || host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
			return true;
		}
		String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (!name.matches("[0-9.]+|[0-9a-fA-F:]+")) {
			return false;
		}
		try {
			InetAddress address = InetAddress.getByName(name);
			return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress();
		}
		catch (java.net.UnknownHostException e) {
			return true;
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static UUID requireSchool(SchulhausUser person) {
		if (person.schoolId() == null) {
			// the operator belongs to no school and gets no notifications
			throw new InvalidInputException(null, "push.error.noSchool");
		}
		return person.schoolId();
	}

	private static Subscription subscriptionOf(ResultSet rs, int n) throws SQLException {
		return new Subscription(rs.getObject("id", UUID.class), rs.getObject("school_id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("endpoint"), rs.getString("p256dh"), rs.getString("auth"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	/** A browser's subscription: where to send and how to encrypt for it. */
	public record Subscription(UUID id, UUID schoolId, UUID accountId, String endpoint, String p256dh, String auth, Instant createdAt) {
	}
}
