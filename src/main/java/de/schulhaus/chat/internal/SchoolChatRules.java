package de.schulhaus.chat.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * The school's messenger rules (chat_rules; no row: {@link ChatRules#DEFAULTS}). Kept a minute in memory,
 * since the push filter asks for every notification; a change made on another node counts there within it.
 */
@Service
public class SchoolChatRules {

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Cache<UUID, ChatRules> cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(10_000).build();

	SchoolChatRules(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	public ChatRules of(UUID schoolId) {
		return cache.get(schoolId, this::load);
	}

	/** School admins decide for their school; audited with the new values. */
	@Transactional
	public ChatRules set(SchulhausUser admin, ChatRules rules) {
		if (admin.role() != Role.SCHOOL_ADMIN || admin.schoolId() == null) {
			throw new NotFoundException("setting");
		}
		if ((rules.quietFrom() == null) != (rules.quietTo() == null)) {
			throw new InvalidInputException(rules.quietFrom() == null ? "ruheVon" : "ruheBis", "chat.rules.error.quietBoth");
		}
		if (rules.retentionDays() < 0 || rules.retentionDays() > ChatRules.MAX_RETENTION_DAYS) {
			throw new InvalidInputException("aufbewahrung", "chat.rules.error.retention", ChatRules.MAX_RETENTION_DAYS);
		}
		UUID school = admin.schoolId();
		Timestamp now = Timestamp.from(Instant.now());
		int updated = jdbc.sql("update chat_rules set pupils_direct = :direct, quiet_from_minute = :from, quiet_to_minute = :to, "
				+ "retention_days = :days, updated_at = :now where school_id = :school")
			.param("direct", rules.pupilsDirect()).param("from", minutes(rules.quietFrom())).param("to", minutes(rules.quietTo()))
			.param("days", rules.retentionDays()).param("now", now).param("school", school).update();
		if (updated == 0) {
			jdbc.sql("insert into chat_rules (school_id, pupils_direct, quiet_from_minute, quiet_to_minute, retention_days, updated_at) "
					+ "values (:school, :direct, :from, :to, :days, :now)")
				.param("direct", rules.pupilsDirect()).param("from", minutes(rules.quietFrom())).param("to", minutes(rules.quietTo()))
				.param("days", rules.retentionDays()).param("now", now).param("school", school).update();
		}
		cache.invalidate(school);
		audit.record(admin, "chat.rules.changed", "school:" + school, "pupils direct: " + rules.pupilsDirect() + ", quiet hours: "
				+ (rules.hasQuietHours() ? rules.quietFrom() + "-" + rules.quietTo() : "none") + ", retention days: " + rules.retentionDays());
		return rules;
	}

	private ChatRules load(UUID schoolId) {
		return jdbc.sql("select pupils_direct, quiet_from_minute, quiet_to_minute, retention_days from chat_rules where school_id = :school")
			.param("school", schoolId)
			.query((rs, n) -> new ChatRules(rs.getBoolean(1), time((Integer) rs.getObject(2)), time((Integer) rs.getObject(3)), rs.getInt(4)))
			.optional().orElse(ChatRules.DEFAULTS);
	}

	private static Integer minutes(LocalTime time) {
		return time == null ? null : time.getHour() * 60 + time.getMinute();
	}

	private static LocalTime time(Integer minutes) {
		return minutes == null ? null : LocalTime.of(minutes / 60, minutes % 60);
	}
}
