package de.schulhaus.mail.rules;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.mail.MailDelivered;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;

/**
 * Tells a person when a delivery brought their mailbox over 90 % of their mail quota: once, until a later
 * delivery finds it below again. Asked by {@link DeliveryRules}, so a delivery costs one event publication, not two.
 */
@Component
class QuotaWarnings {

	static final int PERCENT = 90;

	private final StorageQuotas quotas;
	private final Notifications notifications;
	private final JdbcClient jdbc;

	QuotaWarnings(StorageQuotas quotas, Notifications notifications, JdbcClient jdbc) {
		this.quotas = quotas;
		this.notifications = notifications;
		this.jdbc = jdbc;
	}

	@Transactional
	void check(MailDelivered event) {
		if (event.accountId() == null) {
			return;
		}
		StorageQuotas.Usage usage = quotas.usage(BlobOwner.mail(event.schoolId(), event.accountId()));
		boolean full = usage.usedBytes() * 100 >= usage.limitBytes() * PERCENT;
		if (!full) {
			jdbc.sql("delete from mail_quota_warning where account_id = :account and school_id = :school")
				.param("account", event.accountId()).param("school", event.schoolId()).update();
			return;
		}
		int first = jdbc.sql("insert into mail_quota_warning (account_id, school_id, warned_at) values (:account, :school, :now) on conflict do nothing")
			.param("account", event.accountId()).param("school", event.schoolId()).param("now", Timestamp.from(Instant.now())).update();
		if (first == 1) {
			notifications.notify(event.schoolId(), event.accountId(), Notification.of("mail.quota", "mail.quota.notification", "/mail",
					String.valueOf(usage.percent())));
		}
	}
}
