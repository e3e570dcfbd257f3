package de.schulhaus.calendar.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;

/**
 * Secret subscription addresses: a calendar program or phone that cannot do CalDAV subscribes to a
 * calendar read-only with a URL that holds a 192-bit token. Only its SHA-256 is stored; a new address
 * replaces the old one, and revoking ends it at once.
 */
@Service
public class CalendarFeeds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final AuditLog audit;

	CalendarFeeds(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** Whose feed a token opens, and of which calendar. */
	public record Feed(UUID schoolId, UUID accountId, UUID calendarId) {
	}

	/** A new address for this person and calendar (replacing an earlier one): the token, shown once. */
	@Transactional
	public String create(SchulhausUser person, Calendar calendar) {
		byte[] secret = new byte[24];
		RANDOM.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		jdbc.sql("delete from calendar_feed where account_id = :account and calendar_id = :calendar")
			.param("account", person.accountId()).param("calendar", calendar.id()).update();
		jdbc.sql("""
				insert into calendar_feed (id, school_id, calendar_id, account_id, token_hash, created_at)
				values (:id, :school, :calendar, :account, :hash, :now)""")
			.param("id", Ids.newId()).param("school", person.schoolId()).param("calendar", calendar.id()).param("account", person.accountId())
			.param("hash", hash(token)).param("now", CalendarObjects.utc(Instant.now()))
			.update();
		audit.record(person, "calendar.feed.created", calendar.id().toString(), calendar.name());
		return token;
	}

	public boolean exists(SchulhausUser person, Calendar calendar) {
		return jdbc.sql("select count(*) from calendar_feed where account_id = :account and calendar_id = :calendar")
			.param("account", person.accountId()).param("calendar", calendar.id()).query(Long.class).single() > 0;
	}

	@Transactional
	public void revoke(SchulhausUser person, Calendar calendar) {
		int revoked = jdbc.sql("delete from calendar_feed where account_id = :account and calendar_id = :calendar")
			.param("account", person.accountId()).param("calendar", calendar.id()).update();
		if (revoked > 0) {
			audit.record(person, "calendar.feed.revoked", calendar.id().toString(), calendar.name());
		}
	}

	/** The feed behind a token; its last use is noted at most once a minute. */
	public Optional<Feed> open(String token) {
		if (token == null || token.length() != 32) {
			return Optional.empty();
		}
		String hash = hash(token);
		Optional<Feed> feed = jdbc.sql("select school_id, account_id, calendar_id from calendar_feed where token_hash = :hash").param("hash", hash)
			.query((rs, n) -> new Feed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class))).optional();
		feed.ifPresent(f -> jdbc.sql("""
				update calendar_feed set last_used_at = :now where token_hash = :hash
				and (last_used_at is null or last_used_at < :minuteAgo)""")
			.param("now", CalendarObjects.utc(Instant.now())).param("minuteAgo", CalendarObjects.utc(Instant.now().minusSeconds(60))).param("hash", hash)
			.update());
		return feed;
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
