package de.schulhaus.mail.digest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.springframework.context.MessageSource;

import de.schulhaus.chat.MentionDigests;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The digest as a mail: plain text only (UTF-8), so nothing of a chat message can ever be read as markup; in the
 * person's language, German unless they chose English. Marked {@code Auto-Submitted: auto-generated} (RFC 3834), so
 * absence notes do not answer it, and sent from the school's {@code noreply@} address, which nobody can hold.
 */
final class MentionDigestMessage {

	private static final Session SESSION = Session.getInstance(new Properties());
	static final ZoneId SCHOOL_TIME = ZoneId.of("Europe/Berlin");
	private static final DateTimeFormatter GERMAN = DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm 'Uhr'", Locale.GERMAN).withZone(SCHOOL_TIME);
	private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH).withZone(SCHOOL_TIME);

	/** Who gets it and where the platform is. */
	record Addressing(String fromAddress, String fromName, String toAddress, String toName, String baseUrl) {
	}

	private MentionDigestMessage() {
	}

	static Locale localeOf(String language) {
		return "en".equals(language) ? Locale.ENGLISH : Locale.GERMAN;
	}

	static byte[] of(Addressing to, Locale locale, List<MentionDigests.Mention> mentions, MessageSource texts, Instant now) {
		try {
			String domain = to.fromAddress().substring(to.fromAddress().indexOf('@') + 1);
			String messageId = "<" + UUID.randomUUID() + "@" + domain + ">";
			MimeMessage message = new MimeMessage(SESSION) {
				@Override
				protected void updateMessageID() throws MessagingException {
					setHeader("Message-ID", messageId);
				}
			};
			message.setFrom(new InternetAddress(to.fromAddress(), to.fromName(), "UTF-8"));
			message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.toAddress(), to.toName(), "UTF-8"));
			message.setSubject(texts.getMessage("mail.digest.subject", null, locale), "UTF-8");
			message.setSentDate(Date.from(now));
			message.setHeader("Auto-Submitted", "auto-generated");
			message.setHeader("X-Auto-Response-Suppress", "All");
			message.setHeader("Content-Language", locale.getLanguage());
			message.setText(text(to, locale, mentions, texts), "UTF-8");
			message.saveChanges();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			message.writeTo(out);
			return out.toByteArray();
		} catch (MessagingException e) {
			throw new IllegalArgumentException("digest mail could not be written: " + e.getMessage(), e);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Per room: its name and link, then each mention with author, time and excerpt. */
	static String text(Addressing to, Locale locale, List<MentionDigests.Mention> mentions, MessageSource texts) {
		DateTimeFormatter time = Locale.ENGLISH.equals(locale) ? ENGLISH : GERMAN;
		Map<UUID, List<MentionDigests.Mention>> byRoom = new LinkedHashMap<>();
		mentions.forEach(m -> byRoom.computeIfAbsent(m.roomId(), r -> new ArrayList<>()).add(m));
		StringBuilder text = new StringBuilder();
		text.append(texts.getMessage("mail.digest.greeting", new Object[] { to.toName() }, locale)).append("\n\n");
		text.append(texts.getMessage("mail.digest.intro", new Object[] { mentions.size() }, locale)).append("\n");
		for (List<MentionDigests.Mention> room : byRoom.values()) {
			MentionDigests.Mention first = room.get(0);
			text.append("\n").append(texts.getMessage("mail.digest.room", new Object[] { first.roomName() }, locale)).append("\n");
			for (MentionDigests.Mention m : room) {
				text.append("- ").append(texts.getMessage("mail.digest.mention", new Object[] { m.authorName(), time.format(m.at()) }, locale))
					.append("\n  ").append(m.excerpt().isEmpty() ? "…" : quoted(m.excerpt(), locale)).append("\n");
			}
			text.append(texts.getMessage("mail.digest.open", new Object[] { to.baseUrl() + first.href() }, locale)).append("\n");
		}
		text.append("\n-- \n").append(texts.getMessage("mail.digest.footer", new Object[] { to.baseUrl() + "/konto" }, locale)).append("\n");
		return text.toString();
	}

	private static String quoted(String excerpt, Locale locale) {
		return Locale.ENGLISH.equals(locale) ? "\u201C" + excerpt + "\u201D" : "\u201E" + excerpt + "\u201C";
	}
}
