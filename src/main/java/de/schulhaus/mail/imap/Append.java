package de.schulhaus.mail.imap;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.mail.internal.Flags;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.MessageTooLargeException;
import de.schulhaus.mail.internal.StagedMessage;

/**
 * APPEND (RFC 3501 6.3.11, UIDPLUS, LITERAL+): the message streams from the client into the blob store
 * and is put into the folder with its flags and date. A message over the size limit is refused before
 * the client sends it; a non-synchronizing one it sends anyway is read and dropped, and one far over
 * the limit ends the connection. A message that does not fit into the person's mail quota is refused before it
 * is sent, too ({@code NO [OVERQUOTA]}, RFC 9208); one that fills it while it was sent is refused by the store.
 */
final class Append {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

	private final ImapSession session;

	Append(ImapSession session) {
		this.session = session;
	}

	void run(String tag) throws IOException {
		ImapReader in = session.in();
		in.space();
		String name = MailboxCommands.name(in.astring());
		in.space();
		List<String> flagNames = List.of();
		if (in.peek() == '(') {
			flagNames = in.flags();
			in.space();
		}
		Instant date = null;
		if (in.peek() == '"') {
			date = date(in.quoted());
			in.space();
		}
		ImapReader.Literal literal = in.literal();
		long limit = session.services.properties().maxMessageSize().toBytes();
		var entry = session.folders.find(name);
		if (entry.isEmpty() || literal.size() > limit) {
			refuse(in, literal, limit, entry.isEmpty() ? new NoException("TRYCREATE", "no folder " + name)
					: new NoException("TOOBIG", "message larger than " + limit + " bytes"));
		}
		if (overQuota(entry.get().mailbox(), literal.size())) {
			refuse(in, literal, limit, new NoException("OVERQUOTA", "the mailbox is full; delete messages or ask the school's admin for more space"));
		}
		Flags flags;
		try {
			flags = Flags.of(flagNames);
		} catch (IllegalArgumentException e) {
			refuse(in, literal, limit, new BadCommandException(e.getMessage()));
			return;
		}
		in.accept(literal);
		StagedMessage staged;
		try (InputStream body = in.literalBody(literal)) {
			try {
				staged = session.services.store().stage(body, limit);
			} finally {
				body.transferTo(java.io.OutputStream.nullOutputStream());
			}
		} catch (MessageTooLargeException e) {
			in.end();
			throw new NoException("TOOBIG", "message larger than " + limit + " bytes");
		}
		try {
			in.end();
		} catch (BadCommandException | IOException e) {
			session.services.store().discard(staged);
			throw e;
		}
		MessageStore.Appended appended = session.services.store().append(entry.get().mailbox(), entry.get().folder(), staged, flags, date);
		session.ok(tag, "[APPENDUID " + appended.uidValidity() + " " + appended.uid() + "] APPEND completed");
	}

	/** Asked before the client sends the message (the attach counts again, atomically); function mailboxes have no limit. */
	private boolean overQuota(Mailbox mailbox, long size) {
		return mailbox.personal() && !session.services.quotas().mayAdd(BlobOwner.mail(mailbox.schoolId(), mailbox.accountId()), size);
	}

	/** Refuses before the literal: a waiting client never sends it, a LITERAL+ one has it read and dropped. */
	private static void refuse(ImapReader in, ImapReader.Literal literal, long limit, RuntimeException reason) throws IOException {
		if (!literal.synchronizing()) {
			if (literal.size() > 4 * limit) {
				throw new LineTooLongException("message far larger than the limit of " + limit + " bytes");
			}
			in.skip(literal);
			in.skipLine();
		}
		throw reason;
	}

	static Instant date(String text) {
		try {
			return ZonedDateTime.parse(text.strip(), DATE_TIME).toInstant();
		} catch (DateTimeParseException e) {
			throw new BadCommandException("expected a date such as \"05-Dec-2026 10:15:00 +0100\", got " + text);
		}
	}
}
