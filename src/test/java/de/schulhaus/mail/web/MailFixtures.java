package de.schulhaus.mail.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.platform.SchulhausUser;

/** Messages delivered into a person's mailbox as SMTP would, for the webmail's tests. */
final class MailFixtures {

	private final Mailboxes mailboxes;
	private final MailFolders folders;
	private final MessageStore store;

	MailFixtures(Mailboxes mailboxes, MailFolders folders, MessageStore store) {
		this.mailboxes = mailboxes;
		this.folders = folders;
		this.store = store;
	}

	Mailbox mailbox(SchulhausUser person) {
		return mailboxes.personal(person.schoolId(), person.accountId(), person.displayName());
	}

	MailFolder folder(SchulhausUser person, SpecialUse use) {
		return folders.special(mailbox(person), use).orElseThrow();
	}

	/** Delivers the raw message to the person's inbox; answers the message's id. */
	UUID deliver(SchulhausUser person, String raw) {
		var staged = store.stage(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), 10_000_000);
		return store.deliver(staged, List.of(mailbox(person)), "joerg@example.org").values().iterator().next().appended().messageId();
	}

	static String plain(String subject, String messageId, String body) {
		return "From: =?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <joerg@example.org>\r\nTo: anna@schule.example\r\nSubject: " + subject + "\r\n"
				+ "Date: Mon, 30 Nov 2026 08:00:00 +0100\r\nMessage-ID: " + messageId + "\r\nMIME-Version: 1.0\r\n"
				+ "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n";
	}

	static String html(String subject, String html) {
		return "From: Eltern <eltern@example.org>\r\nTo: anna@schule.example\r\nSubject: " + subject + "\r\nMessage-ID: <h" + UUID.randomUUID()
				+ "@x>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"rel\"\r\n\r\n--rel\r\n"
				+ "Content-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n--rel\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--rel--\r\n";
	}

	static String withAttachment(String subject, String fileName, String content) {
		String encoded = java.util.Base64.getMimeEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
		return "From: Sekretariat <sekretariat@example.org>\r\nTo: anna@schule.example\r\nSubject: " + subject + "\r\nMessage-ID: <a"
				+ UUID.randomUUID() + "@x>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"mix\"\r\n\r\n--mix\r\n"
				+ "Content-Type: text/plain; charset=utf-8\r\n\r\nIm Anhang der Plan.\r\n--mix\r\nContent-Type: application/pdf; name=\"" + fileName
				+ "\"\r\nContent-Disposition: attachment; filename=\"" + fileName + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + encoded
				+ "\r\n--mix--\r\n";
	}
}
