package de.schulhaus.mail.smtp;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.subethamail.smtp.server.Session;

/**
 * The {@code Return-Path} and {@code Received} lines put in front of every message taken by SMTP
 * (RFC 5321 4.4). What the client said of itself is kept only where it is a plain host name or address.
 */
final class TraceHeaders {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

	private TraceHeaders() {
	}

	static byte[] of(Session session, String envelopeFrom, String recipient, String host) {
		String helo = session.getHelo().filter(h -> h.matches("[A-Za-z0-9.:_\\[\\]-]{1,100}")).orElse("unknown");
		String with = "ESMTP" + (session.isTLSStarted() ? "S" : "") + (session.isAuthenticated() ? "A" : "");
		String text = "Return-Path: <" + envelopeFrom + ">\r\n"
				+ "Received: from " + helo + " ([" + session.getRemoteAddress().getAddress().getHostAddress() + "])\r\n"
				+ "\tby " + host + " (Schulhaus) with " + with + " id " + session.getSessionId() + "\r\n"
				+ "\t" + (recipient == null ? "" : "for <" + recipient + ">") + "; " + DATE.format(ZonedDateTime.now()) + "\r\n";
		return text.getBytes(StandardCharsets.UTF_8);
	}
}
