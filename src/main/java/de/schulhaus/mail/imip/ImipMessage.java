package de.schulhaus.mail.imip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import de.schulhaus.calendar.SchedulingMessage;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * An invitation or cancellation as mail apps expect it (RFC 6047): {@code multipart/alternative} with a
 * short text for people and the event as {@code text/calendar; method=REQUEST} (or CANCEL), with the same
 * METHOD inside the iCalendar object. Thunderbird, Outlook and Apple Mail show their invitation bar from it.
 */
final class ImipMessage {

	private static final Session SESSION = Session.getInstance(new Properties());

	private ImipMessage() {
	}

	static byte[] of(String fromAddress, String fromName, List<String> to, SchedulingMessage.Method method, String summary, String text) {
		try {
			String domain = fromAddress.substring(fromAddress.indexOf('@') + 1);
			String messageId = "<" + UUID.randomUUID() + "@" + domain + ">";
			MimeMessage message = new MimeMessage(SESSION) {
				@Override
				protected void updateMessageID() throws MessagingException {
					setHeader("Message-ID", messageId);
				}
			};
			message.setFrom(new InternetAddress(fromAddress, fromName, "UTF-8"));
			for (String address : to) {
				message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
			}
			String title = summary == null || summary.isBlank() ? "Termin" : summary.strip();
			boolean cancel = method == SchedulingMessage.Method.CANCEL;
			message.setSubject((cancel ? "Abgesagt: " : "Einladung: ") + title, "UTF-8");
			message.setSentDate(new Date());

			MimeBodyPart words = new MimeBodyPart();
			words.setText(cancel
					? fromName + " hat den Termin „" + title + "“ abgesagt.\n\n" + fromName + " cancelled the event \"" + title + "\".\n"
					: fromName + " lädt Sie zum Termin „" + title + "“ ein. Ihr Kalenderprogramm zeigt die Einladung und nimmt Ihre Antwort entgegen.\n\n"
							+ fromName + " invites you to \"" + title + "\". Your calendar app shows the invitation and takes your answer.\n",
					"UTF-8");
			MimeBodyPart calendar = new MimeBodyPart();
			String type = "text/calendar; charset=UTF-8; method=" + method.name();
			calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(withMethod(text, method).getBytes(java.nio.charset.StandardCharsets.UTF_8), type)));
			calendar.setHeader("Content-Type", type);
			calendar.setHeader("Content-Transfer-Encoding", "quoted-printable");
			MimeMultipart alternative = new MimeMultipart("alternative");
			alternative.addBodyPart(words);
			alternative.addBodyPart(calendar);
			message.setContent(alternative);
			message.saveChanges();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			message.writeTo(out);
			return out.toByteArray();
		} catch (MessagingException e) {
			throw new IllegalArgumentException("invitation mail could not be written: " + e.getMessage(), e);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The iCalendar object with its METHOD (iTIP needs it; stored events have none). */
	static String withMethod(String text, SchedulingMessage.Method method) {
		String normalized = text.replace("\r\n", "\n").replace("\n", "\r\n");
		if (normalized.contains("\r\nMETHOD:")) {
			return normalized;
		}
		int begin = normalized.indexOf("BEGIN:VCALENDAR\r\n");
		if (begin < 0) {
			throw new IllegalArgumentException("not an iCalendar object");
		}
		int after = begin + "BEGIN:VCALENDAR\r\n".length();
		return normalized.substring(0, after) + "METHOD:" + method.name() + "\r\n" + normalized.substring(after);
	}
}
