package de.schulhaus.mail.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/** The school's mail rules per role ({@code mail_policy}); roles without a row have {@link MailPolicy#defaultFor}. */
@Service
public class MailPolicies {

	/** The most a school may allow; the listener's own limit (schulhaus.mail.max-message-size) caps it too. */
	public static final int MAX_MESSAGE_MB = 100;

	private final JdbcClient jdbc;
	private final AuditLog audit;

	MailPolicies(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	public MailPolicy of(UUID schoolId, Role role) {
		return jdbc.sql("select outside_allowed, max_message_mb, forwarding_allowed from mail_policy where school_id = :school and role = :role")
			.param("school", schoolId).param("role", role.name())
			.query((rs, n) -> new MailPolicy(role, rs.getBoolean(1), rs.getInt(2), rs.getBoolean(3)))
			.optional().orElseGet(() -> MailPolicy.defaultFor(role));
	}

	/** Every role's rules, for the admin page. */
	public Map<Role, MailPolicy> all(UUID schoolId) {
		Map<Role, MailPolicy> all = new EnumMap<>(Role.class);
		for (Role role : Role.values()) {
			if (role != Role.OPERATOR) {
				all.put(role, MailPolicy.defaultFor(role));
			}
		}
		jdbc.sql("select role, outside_allowed, max_message_mb, forwarding_allowed from mail_policy where school_id = :school")
			.param("school", schoolId)
			.query((java.sql.ResultSet rs) -> {
				Role role = Role.valueOf(rs.getString(1));
				all.put(role, new MailPolicy(role, rs.getBoolean(2), rs.getInt(3), rs.getBoolean(4)));
			});
		return all;
	}

	@Transactional
	public void set(UUID schoolId, MailPolicy policy, SchulhausUser actor) {
		if (policy.maxMessageMb() < 1 || policy.maxMessageMb() > MAX_MESSAGE_MB) {
			throw new InvalidInputException("maxMessageMb", "mail.error.maxMessageMb", MAX_MESSAGE_MB);
		}
		if (policy.role() == Role.OPERATOR) {
			throw new InvalidInputException("role", "mail.error.policyRole", policy.role().name());
		}
		jdbc.sql("delete from mail_policy where school_id = :school and role = :role")
			.param("school", schoolId).param("role", policy.role().name()).update();
		jdbc.sql("insert into mail_policy (school_id, role, outside_allowed, max_message_mb, forwarding_allowed) "
				+ "values (:school, :role, :outside, :max, :forwarding)")
			.param("school", schoolId).param("role", policy.role().name()).param("outside", policy.outsideAllowed())
			.param("max", policy.maxMessageMb()).param("forwarding", policy.forwardingAllowed()).update();
		audit.record(actor, "mail.policy.changed", "school:" + schoolId, policy.role().name() + ": outside=" + policy.outsideAllowed() + ", max="
				+ policy.maxMessageMb() + " MB, forwarding=" + policy.forwardingAllowed());
	}
}
