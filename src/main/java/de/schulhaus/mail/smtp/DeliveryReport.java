package de.schulhaus.mail.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.mail.internet.MimeUtility;

/**
 * A bounce as RFC 3464 wants it: {@code multipart/report} with a text for people (German, then English),
 * {@code message/delivery-status} per failed recipient, and the original's header (not its body: it may be
 * large and the sender has it).
 */
final class DeliveryReport {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
		.withZone(ZoneId.of("Europe/Berlin"));
	private static final int MAX_HEADER = 64 * 1024;

	/** One recipient that will not get the message, and the answer that said so. */
	record Failure(String address, SmarthostReply reply) {
	}

	private DeliveryReport() {
	}

	static byte[] of(String host, String to, String subject, Instant arrived, List<Failure> failures, InputStream original) {
		String boundary = "=_bounce_" + UUID.randomUUID();
		StringBuilder text = new StringBuilder();
		// delivered here, finally: the empty sender, so nobody answers it
		text.append("Return-Path: <>\r\n");
		text.append("From: Mail Delivery System <mailer-daemon@").append(host).append(">\r\n")
			.append("To: <").append(to).append(">\r\n")
			.append("Subject: ").append(encode("Unzustellbar: " + (subject == null ? "" : subject))).append("\r\n")
			.append("Date: ").append(DATE.format(Instant.now())).append("\r\n")
			.append("Message-ID: <").append(UUID.randomUUID()).append("@").append(host).append(">\r\n")
			.append("Auto-Submitted: auto-replied\r\n")
			.append("MIME-Version: 1.0\r\n")
			.append("Content-Type: multipart/report; report-type=delivery-status; boundary=\"").append(boundary).append("\"\r\n\r\n")
			.append("--").append(boundary).append("\r\n")
			.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
			.append("Ihre Nachricht konnte an folgende Empfänger nicht zugestellt werden:\r\n");
		failures.forEach(f -> text.append("  ").append(f.address()).append(": ").append(f.reply().line()).append("\r\n"));
		// each language names the recipients itself: readers skip to the part they understand
		text.append("\r\nYour message could not be delivered to these recipients:\r\n");
		failures.forEach(f -> text.append("  ").append(f.address()).append(": ").append(f.reply().line()).append("\r\n"));
		text.append("\r\n")
			.append("--").append(boundary).append("\r\n")
			.append("Content-Type: message/delivery-status\r\n\r\n")
			.append("Reporting-MTA: dns; ").append(host).append("\r\n")
			.append("Arrival-Date: ").append(DATE.format(arrived)).append("\r\n");
		for (Failure failure : failures) {
			text.append("\r\nFinal-Recipient: rfc822; ").append(failure.address()).append("\r\n")
				.append("Action: failed\r\n")
				.append("Status: ").append(failure.reply().status()).append("\r\n")
				.append("Diagnostic-Code: smtp; ").append(failure.reply().line()).append("\r\n")
				.append("Last-Attempt-Date: ").append(DATE.format(Instant.now())).append("\r\n");
		}
		text.append("\r\n--").append(boundary).append("\r\n")
			.append("Content-Type: text/rfc822-headers\r\n\r\n")
			.append(header(original))
			.append("\r\n--").append(boundary).append("--\r\n");
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** The original's header up to its blank line, at most 64 KiB, without our own Return-Path. */
	private static String header(InputStream original) {
		try (original) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			DotStuffing.headerOf(original, out, MAX_HEADER);
			return out.toString(StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String encode(String value) {
		try {
			return MimeUtility.fold(9, MimeUtility.encodeText(value, "UTF-8", "Q"));
		} catch (UnsupportedEncodingException e) {
			throw new IllegalStateException(e);
		}
	}
}
