package de.schulhaus.mail.rules;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.mail.MailDelivered;

/**
 * Decides, inside the delivering transaction, whether a delivery needs work after its commit, and
 * publishes {@link FollowUpDue} only then: a mailbox over 90 % of its quota is warned once, until a later
 * delivery finds it below again; a person with forwarding or an absence note has them applied. Most
 * deliveries need nothing, and cost three reads here instead of a durable event with its own transactions.
 */
@Component
class QuotaWarnings {

	static final int PERCENT = 90;

	private final StorageQuotas quotas;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	QuotaWarnings(StorageQuotas quotas, JdbcClient jdbc, ApplicationEventPublisher events) {
		this.quotas = quotas;
		this.jdbc = jdbc;
		this.events = events;
	}

	private record Pending(boolean rules, boolean warned) {
	}

	@EventListener
	void decide(MailDelivered event) {
		if (event.accountId() == null) {
			return;
		}
		Pending pending = jdbc.sql("select (select count(*) from mail_forwarding where account_id = :account and school_id = :school) "
				+ "+ (select count(*) from mail_absence where account_id = :account and school_id = :school and enabled = true), "
				+ "(select count(*) from mail_quota_warning where account_id = :account and school_id = :school)")
			.param("account", event.accountId()).param("school", event.schoolId())
			.query((rs, n) -> new Pending(rs.getInt(1) > 0, rs.getInt(2) > 0)).single();
		StorageQuotas.Usage usage = quotas.usage(BlobOwner.mail(event.schoolId(), event.accountId()));
		boolean full = usage.usedBytes() * 100 >= usage.limitBytes() * PERCENT;
		Integer warn = null;
		if (!full && pending.warned()) {
			jdbc.sql("delete from mail_quota_warning where account_id = :account and school_id = :school")
				.param("account", event.accountId()).param("school", event.schoolId()).update();
		} else if (full && !pending.warned()) {
			// two deliveries at once: the one whose row goes in warns
			int first = jdbc.sql("insert into mail_quota_warning (account_id, school_id, warned_at) values (:account, :school, :now) "
					+ "on conflict do nothing")
				.param("account", event.accountId()).param("school", event.schoolId()).param("now", Timestamp.from(Instant.now())).update();
			warn = first == 1 ? usage.percent() : null;
		}
		if (warn != null || pending.rules()) {
			events.publishEvent(new FollowUpDue(event.schoolId(), event.mailboxId(), event.accountId(), event.messageId(),
					event.envelopeFrom(), warn));
		}
	}
}
