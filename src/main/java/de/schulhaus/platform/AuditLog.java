package de.schulhaus.platform;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log of security-relevant actions: sign-ins, 2FA changes, role changes, imports,
 * deletions. School admins read their school's entries, the operator reads all.
 */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records an action; runs in its own transaction so a failed sign-in is logged even on rollback. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void record(UUID schoolId, UUID actorId, String actorLogin, String action, String target, String details) {
		jdbc.sql("""
				insert into audit_event (id, school_id, occurred_at, actor_id, actor_login, action, target, details, ip)
				values (:id, :school, :at, :actorId, :actorLogin, :action, :target, :details, :ip)""")
			.param("id", Ids.newId())
			.param("school", schoolId)
			.param("at", java.sql.Timestamp.from(Instant.now()))
			.param("actorId", actorId)
			.param("actorLogin", truncate(actorLogin, 320))
			.param("action", action)
			.param("target", truncate(target, 400))
			.param("details", truncate(details, 2000))
			.param("ip", currentIp())
			.update();
	}

	public void record(SchulhausUser actor, String action, String target, String details) {
		record(actor.schoolId(), actor.accountId(), actor.login(), action, target, details);
	}

	/** Newest first. {@code schoolId == null} means all schools (operator only). */
	public List<Entry> recent(UUID schoolId, int limit) {
		String where = schoolId == null ? "" : "where school_id = :school ";
		var spec = jdbc.sql("select occurred_at, actor_login, action, target, details, ip from audit_event " + where
				+ "order by occurred_at desc limit :limit").param("limit", limit);
		if (schoolId != null) {
			spec = spec.param("school", schoolId);
		}
		return spec.query((rs, n) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
				rs.getString(4), rs.getString(5), rs.getString(6))).list();
	}

	private static String currentIp() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
			return attrs.getRequest().getRemoteAddr();
		}
		return null;
	}

	private static String truncate(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	public record Entry(Instant occurredAt, String actor, String action, String target, String details, String ip) {
	}
}
