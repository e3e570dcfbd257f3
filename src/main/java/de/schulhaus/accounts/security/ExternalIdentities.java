package de.schulhaus.accounts.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Identities at external OpenID Connect providers, linked to an account by their owner. Sign-in
 * through a provider finds the account by the (issuer, subject) pair the provider vouches for; an
 * e-mail claim never picks an account, so nobody can take over an account by naming its address at
 * a provider they control.
 */
@Service
public class ExternalIdentities {

	private final JdbcClient jdbc;
	private final AuditLog audit;

	ExternalIdentities(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	private static final String LINKING = "schulhaus.oidc.linking";

	/** Remembers in the session that the next answer of a provider links it to this person (who just confirmed who they are). */
	public static void startLinking(HttpSession session, SchulhausUser user) {
		session.setAttribute(LINKING, new Linking(user.accountId(), System.currentTimeMillis()));
	}

	/** The linking asked for in this session, if any and recent; asked once. */
	static Linking takeLinking(HttpSession session) {
		Object value = session.getAttribute(LINKING);
		session.removeAttribute(LINKING);
		return value instanceof Linking l && System.currentTimeMillis() - l.startedAt() <= 10 * 60 * 1000 ? l : null;
	}

	Optional<UUID> accountOf(String issuer, String subject) {
		return jdbc.sql("select account_id from external_identity where issuer = :i and subject = :s").param("i", issuer)
			.param("s", subject).query(UUID.class).optional();
	}

	/** Links the identity to the person; false if it is linked to someone else already. */
	@Transactional
	boolean link(SchulhausUser user, String registrationId, String issuer, String subject) {
		Optional<UUID> owner = accountOf(issuer, subject);
		if (owner.isPresent()) {
			return owner.get().equals(user.accountId());
		}
		try {
			jdbc.sql("""
					insert into external_identity (id, school_id, account_id, registration_id, issuer, subject, created_at)
					values (:id, :school, :account, :reg, :issuer, :subject, :at)""")
				.param("id", Ids.newId()).param("school", user.schoolId()).param("account", user.accountId())
				.param("reg", registrationId).param("issuer", issuer).param("subject", subject)
				.param("at", Timestamp.from(Instant.now())).update();
		}
		catch (DuplicateKeyException e) {
			return false;
		}
		audit.record(user, "oidc.linked", user.login(), registrationId + " " + issuer);
		return true;
	}

	public List<Linked> of(SchulhausUser user) {
		return of(user.accountId());
	}

	/** The person's linked identities; the caller has checked that the account is in its school. */
	public List<Linked> of(UUID accountId) {
		return jdbc.sql("select id, registration_id, issuer, created_at from external_identity where account_id = :a order by created_at")
			.param("a", accountId)
			.query((rs, n) -> new Linked(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
			.list();
	}

	@Transactional
	public void unlink(SchulhausUser user, UUID id) {
		int n = jdbc.sql("delete from external_identity where id = :id and account_id = :a").param("id", id).param("a", user.accountId())
			.update();
		if (n == 0) {
			throw new NotFoundException("linked identity");
		}
		audit.record(user, "oidc.unlinked", user.login(), id.toString());
	}

	/** A person who confirmed their identity and asked to link a provider, and when. */
	record Linking(UUID accountId, long startedAt) implements java.io.Serializable {
	}

	/** A provider identity as its owner sees it on their account page. */
	public record Linked(UUID id, String registrationId, String issuer, Instant linkedAt) {
	}
}
