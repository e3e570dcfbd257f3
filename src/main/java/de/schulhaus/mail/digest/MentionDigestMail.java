package de.schulhaus.mail.digest;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.accounts.Account;
import de.schulhaus.chat.MentionDigests;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.StagedMessage;
import de.schulhaus.platform.Apps;
import de.schulhaus.platform.PlatformProperties;
import de.schulhaus.schools.School;
import de.schulhaus.schools.SchoolManagement;

/**
 * Puts each due digest of unread chat mentions ({@link MentionDigests}) into the person's own inbox, as one message
 * delivered like any other (IMAP, webmail, the unread count), and records in the same transaction that its mentions
 * were mailed: the message and the record commit together or not at all. A person whose school switched the mail
 * app off for their role has no mailbox to read it in, and a full mailbox refuses it; their mentions are not offered
 * again.
 */
@Service
class MentionDigestMail {

	private static final Logger log = LoggerFactory.getLogger(MentionDigestMail.class);
	static final String APP = "mail";

	private final MentionDigests digests;
	private final Mailboxes mailboxes;
	private final MessageStore store;
	private final SchoolManagement schools;
	private final Apps apps;
	private final PlatformProperties platform;
	private final MessageSource texts;
	private final TransactionTemplate transaction;

	MentionDigestMail(MentionDigests digests, Mailboxes mailboxes, MessageStore store, SchoolManagement schools, Apps apps,
			PlatformProperties platform, MessageSource texts, PlatformTransactionManager transactions) {
		this.digests = digests;
		this.mailboxes = mailboxes;
		this.store = store;
		this.schools = schools;
		this.apps = apps;
		this.platform = platform;
		this.texts = texts;
		this.transaction = new TransactionTemplate(transactions);
	}

	private enum Outcome {
		DELIVERED, FULL, TAKEN
	}

	/** Mails the digests due at {@code now}; answers how many went into a mailbox. */
	int send(Instant now) {
		int delivered = 0;
		for (MentionDigests.Digest digest : digests.due(now)) {
			try {
				delivered += deliver(digest, now) ? 1 : 0;
			} catch (RuntimeException e) {
				// stays open, so the next run tries again
				log.warn("Mention digest for account {} not delivered: {}", digest.person().id(), e.toString());
			}
		}
		return delivered;
	}

	private boolean deliver(MentionDigests.Digest digest, Instant now) {
		Account person = digest.person();
		if (apps.switchedOff(person.schoolId()).contains(new Apps.Switch(APP, person.role()))) {
			digests.markSkipped(digest, now);
			return false;
		}
		School school = schools.require(person.schoolId());
		Mailbox mailbox = mailboxes.personal(person.schoolId(), person.id(), person.displayName());
		String address = person.login().toLowerCase(Locale.ROOT);
		String domain = school.mailDomain() == null || school.mailDomain().isBlank() ? address.substring(address.indexOf('@') + 1)
				: school.mailDomain();
		MentionDigestMessage.Addressing addressing = new MentionDigestMessage.Addressing("noreply@" + domain, school.name(), address,
				person.displayName(), platform.baseUrl());
		byte[] raw = MentionDigestMessage.of(addressing, MentionDigestMessage.localeOf(person.language()), digest.mentions(), texts, now);
		StagedMessage staged = store.stage(new ByteArrayInputStream(raw), raw.length + 1L);
		MessageStore.Copies copies = store.copies(staged, 1);
		Outcome outcome;
		try {
			outcome = transaction.execute(status -> {
				if (!digests.markMailed(digest, now)) {
					status.setRollbackOnly();
					return Outcome.TAKEN;
				}
				if (!store.deliver(copies, List.of(mailbox), "").get(mailbox.id()).delivered()) {
					status.setRollbackOnly();
					return Outcome.FULL;
				}
				return Outcome.DELIVERED;
			});
		} catch (RuntimeException e) {
			copies.discardAll();
			throw e;
		}
		if (outcome != Outcome.DELIVERED) {
			copies.discardAll();
			if (outcome == Outcome.FULL) {
				log.info("Mention digest for account {} not delivered: the mailbox is full", person.id());
				digests.markSkipped(digest, now);
			}
			return false;
		}
		copies.discardUnused();
		return true;
	}
}
