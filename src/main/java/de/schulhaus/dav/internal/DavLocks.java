package de.schulhaus.dav.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import de.schulhaus.dav.DavPath;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Locks in the {@code dav_lock} table, shared by all nodes. A tree has few locks at a time, so a
 * request reads all unexpired locks of its tree in one query and decides in memory.
 */
@Repository
public class DavLocks {

	static final Duration MAX_TIMEOUT = Duration.ofHours(1);
	static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

	private final JdbcClient jdbc;

	DavLocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<ActiveLock> active(UUID school, String space) {
		return jdbc.sql("select token, path, deep, exclusive, owner_xml, expires_at from dav_lock "
				+ "where school_id = :school and space = :space and expires_at > :now")
			.param("school", school).param("space", space).param("now", utc(Instant.now()))
			.query((rs, n) -> new ActiveLock(rs.getString(1), path(rs.getString(2)), rs.getBoolean(3), rs.getBoolean(4), rs.getString(5),
					rs.getObject(6, OffsetDateTime.class).toInstant()))
			.list();
	}

	public ActiveLock create(UUID school, String space, DavPath path, boolean deep, boolean exclusive, String ownerXml, Duration timeout) {
		Instant now = Instant.now();
		jdbc.sql("delete from dav_lock where school_id = :school and space = :space and expires_at <= :now")
			.param("school", school).param("space", space).param("now", utc(now)).update();
		ActiveLock lock = new ActiveLock("urn:uuid:" + UUID.randomUUID(), path, deep, exclusive, ownerXml, now.plus(timeout));
		jdbc.sql("insert into dav_lock (token, school_id, space, path, deep, exclusive, owner_xml, expires_at, created_at) "
				+ "values (:token, :school, :space, :path, :deep, :exclusive, :owner, :expires, :now)")
			.param("token", lock.token()).param("school", school).param("space", space).param("path", column(path))
			.param("deep", deep).param("exclusive", exclusive).param("owner", ownerXml)
			.param("expires", utc(lock.expires())).param("now", utc(now))
			.update();
		return lock;
	}

	public Optional<ActiveLock> refresh(UUID school, String space, String token, Duration timeout) {
		int updated = jdbc.sql("update dav_lock set expires_at = :expires where school_id = :school and space = :space "
				+ "and token = :token and expires_at > :now")
			.param("expires", utc(Instant.now().plus(timeout))).param("school", school).param("space", space)
			.param("token", token).param("now", utc(Instant.now()))
			.update();
		return updated == 0 ? Optional.empty() : active(school, space).stream().filter(l -> l.token().equals(token)).findFirst();
	}

	public boolean remove(UUID school, String space, String token) {
		return jdbc.sql("delete from dav_lock where school_id = :school and space = :space and token = :token")
			.param("school", school).param("space", space).param("token", token).update() > 0;
	}

	/** Locks on a resource go with it when it is deleted or moved away. */
	public void removeAt(UUID school, String space, List<ActiveLock> locks, DavPath path) {
		for (ActiveLock lock : locks) {
			if (lock.path().within(path)) {
				remove(school, space, lock.token());
			}
		}
	}

	/** Expired locks of trees nobody locked again (and of deleted schools, which this module does not hear of). */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT15M")
	@SchedulerLock(name = "dav.expiredLocks", lockAtMostFor = "PT50M")
	void removeExpired() {
		jdbc.sql("delete from dav_lock where expires_at <= :now").param("now", utc(Instant.now())).update();
	}

	static Duration timeout(String header) {
		if (header != null) {
			for (String option : header.split(",")) {
				String value = option.trim();
				if (value.regionMatches(true, 0, "Second-", 0, 7)) {
					try {
						Duration asked = Duration.ofSeconds(Long.parseLong(value.substring(7)));
						return asked.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : asked;
					}
					catch (NumberFormatException ex) {
						// the next option, or the default
					}
				}
				else if (value.equalsIgnoreCase("Infinite")) {
					return MAX_TIMEOUT;
				}
			}
		}
		return DEFAULT_TIMEOUT;
	}

	private static String column(DavPath path) {
		return String.join("/", path.segments());
	}

	private static DavPath path(String column) {
		return column.isEmpty() ? DavPath.ROOT : new DavPath(Arrays.asList(column.split("/", -1)));
	}

	// with its zone: the same moment for nodes in different time zones (timestamp with time zone columns)
	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}
}
