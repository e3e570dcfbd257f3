package de.schulhaus.mail.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.mail.internal.Submission;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;

/**
 * After a message arrived in a person's inbox and {@link QuotaWarnings} found work: the quota warning, forwarding,
 * then the absence note. Runs after the delivery committed, through the event registry (a node dying half-way leaves it to the next one), and
 * outside a transaction, because what it sends is staged in the blob store first.
 */
@Component
class DeliveryRules {

	private static final ZoneId SCHOOL_TIME = ZoneId.of("Europe/Berlin");

	private final MailRules rules;
	private final MessageStore store;
	private final Mailboxes mailboxes;
	private final AccountManagement accounts;
	private final Forwarder forwarder;
	private final AutoReplies autoReplies;
	private final Notifications notifications;
	private final JdbcClient jdbc;

	DeliveryRules(MailRules rules, MessageStore store, Mailboxes mailboxes, AccountManagement accounts, Forwarder forwarder,
			AutoReplies autoReplies, Notifications notifications, JdbcClient jdbc) {
		this.notifications = notifications;
		this.rules = rules;
		this.store = store;
		this.mailboxes = mailboxes;
		this.accounts = accounts;
		this.forwarder = forwarder;
		this.autoReplies = autoReplies;
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(FollowUpDue event) {
		if (event.quotaPercent() != null) {
			notifications.notify(event.schoolId(), event.accountId(), Notification.of("mail.quota", "mail.quota.notification", "/mail",
					String.valueOf(event.quotaPercent())));
		}
		Optional<Forwarding> forwarding = rules.forwarding(event.schoolId(), event.accountId());
		Optional<Absence> absence = rules.absence(event.schoolId(), event.accountId())
			.filter(a -> a.activeOn(LocalDate.now(SCHOOL_TIME)));
		if (forwarding.isEmpty() && absence.isEmpty()) {
			return;
		}
		Optional<StoredMessage> message = store.find(event.schoolId(), event.messageId());
		Optional<Account> person = accounts.find(event.schoolId(), event.accountId()).filter(Account::active);
		Optional<Mailbox> mailbox = mailboxes.find(event.schoolId(), event.mailboxId());
		if (message.isEmpty() || person.isEmpty() || mailbox.isEmpty()) {
			return;
		}
		Submission.Sender sender = new Submission.Sender(event.schoolId(), person.get().id(), person.get().role(), mailbox.get(),
				person.get().login().toLowerCase(java.util.Locale.ROOT));
		InternetHeaders headers = headers(message.get());
		forwarding.ifPresent(f -> forwarder.forward(sender, person.get().role(), f, message.get(), headers));
		absence.ifPresent(a -> autoReplies.answer(sender, a, message.get(), headers, event.envelopeFrom(), ownAddresses(sender)));
	}

	private InternetHeaders headers(StoredMessage message) {
		try (InputStream in = store.open(message, 0, message.headerBytes())) {
			return new InternetHeaders(in);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (MessagingException unreadable) {
			// a header section we cannot read: treat it as naming nobody and carrying no list marks
			return new InternetHeaders();
		}
	}

	/** The person's sign-in address and aliases, in lower case. */
	private Set<String> ownAddresses(Submission.Sender sender) {
		Set<String> own = new HashSet<>(jdbc.sql("select address from mail_alias where school_id = :school and mailbox_id = :mailbox")
			.param("school", sender.schoolId()).param("mailbox", sender.from().id()).query(String.class).list());
		own.add(sender.address());
		return own;
	}
}
