package de.schulhaus.mail.rules;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.mail.internal.MailAddresses;
import de.schulhaus.mail.internal.MailPolicies;
import de.schulhaus.mail.internal.MailPolicy;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * A person's absence note and forwarding. Forwarding inside the school is always allowed; to anywhere
 * else only if the school lets the person's role forward and write outside.
 */
@Service
public class MailRules {

	static final int MAX_SUBJECT = 200;
	static final int MAX_BODY = 5000;

	private final JdbcClient jdbc;
	private final MailAddresses addresses;
	private final MailPolicies policies;
	private final AuditLog audit;

	MailRules(JdbcClient jdbc, MailAddresses addresses, MailPolicies policies, AuditLog audit) {
		this.jdbc = jdbc;
		this.addresses = addresses;
		this.policies = policies;
		this.audit = audit;
	}

	public Optional<Absence> absence(UUID schoolId, UUID accountId) {
		return jdbc.sql("select enabled, subject, body, starts_on, ends_on from mail_absence where school_id = :school and account_id = :account")
			.param("school", schoolId).param("account", accountId)
			.query((rs, n) -> new Absence(rs.getBoolean(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
					rs.getObject(5, LocalDate.class)))
			.optional();
	}

	public Optional<Forwarding> forwarding(UUID schoolId, UUID accountId) {
		return jdbc.sql("select address, keep_copy from mail_forwarding where school_id = :school and account_id = :account")
			.param("school", schoolId).param("account", accountId).query((rs, n) -> new Forwarding(rs.getString(1), rs.getBoolean(2)))
			.optional();
	}

	@Transactional
	public void saveAbsence(SchulhausUser user, Absence absence) {
		String subject = absence.subject() == null ? "" : absence.subject().strip();
		String body = absence.body() == null ? "" : absence.body().strip();
		if (subject.length() > MAX_SUBJECT || subject.chars().anyMatch(c -> c < 0x20)) {
			throw new InvalidInputException("subject", "mail.rules.error.subject", MAX_SUBJECT);
		}
		if (body.length() > MAX_BODY) {
			throw new InvalidInputException("body", "mail.rules.error.bodyLength", MAX_BODY);
		}
		if (absence.enabled() && body.isEmpty()) {
			throw new InvalidInputException("body", "mail.rules.error.bodyMissing");
		}
		if (absence.startsOn() != null && absence.endsOn() != null && absence.endsOn().isBefore(absence.startsOn())) {
			throw new InvalidInputException("endsOn", "mail.rules.error.dates");
		}
		jdbc.sql("delete from mail_absence where school_id = :school and account_id = :account")
			.param("school", user.schoolId()).param("account", user.accountId()).update();
		jdbc.sql("insert into mail_absence (account_id, school_id, enabled, subject, body, starts_on, ends_on, updated_at) "
				+ "values (:account, :school, :enabled, :subject, :body, :starts, :ends, :now)")
			.param("account", user.accountId()).param("school", user.schoolId()).param("enabled", absence.enabled()).param("subject", subject)
			.param("body", body).param("starts", absence.startsOn()).param("ends", absence.endsOn()).param("now", Timestamp.from(Instant.now()))
			.update();
		// a new note answers everybody again
		jdbc.sql("delete from mail_absence_reply where school_id = :school and account_id = :account")
			.param("school", user.schoolId()).param("account", user.accountId()).update();
		audit.record(user, absence.enabled() ? "mail.absence.on" : "mail.absence.off", user.login(), null);
	}

	/** Sets the forwarding, or removes it with an empty address. */
	@Transactional
	public void saveForwarding(SchulhausUser user, String input, boolean keepCopy) {
		String address = MailAddresses.normalize(input);
		jdbc.sql("delete from mail_forwarding where school_id = :school and account_id = :account")
			.param("school", user.schoolId()).param("account", user.accountId()).update();
		if (address.isEmpty()) {
			audit.record(user, "mail.forwarding.off", user.login(), null);
			return;
		}
		requireAllowed(user, address);
		jdbc.sql("insert into mail_forwarding (account_id, school_id, address, keep_copy, updated_at) values (:account, :school, :address, :keep, :now)")
			.param("account", user.accountId()).param("school", user.schoolId()).param("address", address).param("keep", keepCopy)
			.param("now", Timestamp.from(Instant.now())).update();
		audit.record(user, "mail.forwarding.on", user.login(), address);
	}

	/** Whether the school lets the person forward to this address now (asked again at every forward). */
	public boolean allowed(UUID schoolId, de.schulhaus.platform.Role role, String address) {
		MailAddresses.Destination destination = addresses.resolve(address);
		if (destination instanceof MailAddresses.ToMailbox to && to.school().id().equals(schoolId)) {
			return true;
		}
		if (destination instanceof MailAddresses.ToList list && list.school().id().equals(schoolId)) {
			return true;
		}
		MailPolicy policy = policies.of(schoolId, role);
		boolean deliverable = destination instanceof MailAddresses.External || destination instanceof MailAddresses.ToMailbox
				|| destination instanceof MailAddresses.ToList;
		return deliverable && policy.forwardingAllowed() && policy.outsideAllowed();
	}

	private void requireAllowed(SchulhausUser user, String address) {
		if (!address.matches("[^@\\s<>()\",;]{1,64}@[a-z0-9-]+(\\.[a-z0-9-]+)+")) {
			throw new InvalidInputException("address", "mail.rules.error.address", address);
		}
		if (address.equals(MailAddresses.normalize(user.login()))) {
			throw new InvalidInputException("address", "mail.rules.error.self");
		}
		MailAddresses.Destination destination = addresses.resolve(address);
		if (destination instanceof MailAddresses.Unknown || destination instanceof MailAddresses.Disabled) {
			throw new InvalidInputException("address", "mail.rules.error.unknown", address);
		}
		if (destination instanceof MailAddresses.ToMailbox to && to.mailbox().personal() && user.accountId().equals(to.mailbox().accountId())) {
			throw new InvalidInputException("address", "mail.rules.error.self");
		}
		if (!allowed(user.schoolId(), user.role(), address)) {
			throw new InvalidInputException("address", "mail.rules.error.outside");
		}
	}
}
