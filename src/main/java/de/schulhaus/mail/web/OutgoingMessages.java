package de.schulhaus.mail.web;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import org.springframework.stereotype.Component;

import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.StagedMessage;

/**
 * Builds a message from the compose form with Angus Mail and stages it in the store: the editor's HTML
 * (sanitized again here) with a plain-text alternative, or plain text alone, and the attachments, each
 * read from its source once while the message is written to a temporary file, so nothing is held in
 * memory however large.
 */
@Component
class OutgoingMessages {

	// file names as RFC 2047 words, which every reader (and mime4j) understands
	private static final Session SESSION = Session.getInstance(properties());

	private static Properties properties() {
		Properties properties = new Properties();
		properties.setProperty("mail.mime.encodefilename", "true");
		properties.setProperty("mail.mime.encodeparameters", "false");
		return properties;
	}

	private final MessageStore store;

	OutgoingMessages(MessageStore store) {
		this.store = store;
	}

	/** An attachment: its name, type and where its content comes from (opened once, while writing). */
	record Attachment(String name, String type, Opener content) {
	}

	@FunctionalInterface
	interface Opener {
		InputStream open() throws IOException;
	}

	/** Who writes, from which address. */
	record Author(String address, String name) {
	}

	/**
	 * Writes the message and stages it.
	 *
	 * @param forSending true leaves Bcc out of the message (the recipients get it, the header not); a
	 *                   draft keeps it
	 */
	StagedMessage stage(Author author, ComposeForm form, List<Attachment> attachments, boolean forSending, long maxBytes) {
		Path file = null;
		try {
			file = Files.createTempFile("schulhaus-mail-", ".eml");
			MimeMessage message = build(author, form, attachments);
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
				message.writeTo(out, forSending ? new String[] { "Bcc" } : null);
			}
			try (InputStream in = Files.newInputStream(file)) {
				return store.stage(in, maxBytes);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (MessagingException e) {
			throw new IllegalStateException("message could not be written", e);
		} finally {
			if (file != null) {
				try {
					Files.deleteIfExists(file);
				} catch (IOException ignored) {
					// the temporary folder is cleaned by the system
				}
			}
		}
	}

	private MimeMessage build(Author author, ComposeForm form, List<Attachment> attachments) throws MessagingException, IOException {
		String domain = author.address().substring(author.address().indexOf('@') + 1);
		String messageId = "<" + UUID.randomUUID() + "@" + domain + ">";
		MimeMessage message = new MimeMessage(SESSION) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		message.setFrom(new InternetAddress(author.address(), author.name(), "UTF-8"));
		message.setRecipients(Message.RecipientType.TO, ComposeForm.parse("an", form.an()).toArray(InternetAddress[]::new));
		message.setRecipients(Message.RecipientType.CC, ComposeForm.parse("cc", form.cc()).toArray(InternetAddress[]::new));
		message.setRecipients(Message.RecipientType.BCC, ComposeForm.parse("bcc", form.bcc()).toArray(InternetAddress[]::new));
		message.setSubject(form.betreff().strip(), "UTF-8");
		message.setSentDate(new Date());
		if (form.antwortAuf() != null && !form.antwortAuf().isBlank()) {
			message.setHeader("In-Reply-To", form.antwortAuf().strip());
		}
		if (form.verweise() != null && !form.verweise().isBlank()) {
			message.setHeader("References", MimeUtility.fold(12, form.verweise().strip()));
		}
		if (attachments.isEmpty()) {
			if (form.html()) {
				message.setContent(alternative(form));
			} else {
				message.setText(form.text(), "UTF-8");
			}
		} else {
			MimeBodyPart body = new MimeBodyPart();
			if (form.html()) {
				body.setContent(alternative(form));
			} else {
				body.setText(form.text(), "UTF-8");
			}
			MimeMultipart mixed = new MimeMultipart("mixed");
			mixed.addBodyPart(body);
			for (Attachment attachment : attachments) {
				mixed.addBodyPart(attachmentPart(attachment));
			}
			message.setContent(mixed);
		}
		message.saveChanges();
		return message;
	}

	private static MimeMultipart alternative(ComposeForm form) throws MessagingException {
		String html = ComposedHtml.clean(form.text());
		MimeMultipart alternative = new MimeMultipart("alternative");
		MimeBodyPart plain = new MimeBodyPart();
		plain.setText(ComposedHtml.toPlain(html), "UTF-8");
		MimeBodyPart rich = new MimeBodyPart();
		rich.setText("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>", "UTF-8", "html");
		alternative.addBodyPart(plain);
		alternative.addBodyPart(rich);
		return alternative;
	}

	private static MimeBodyPart attachmentPart(Attachment attachment) throws MessagingException {
		MimeBodyPart part = new MimeBodyPart();
		part.setDataHandler(new DataHandler(new DataSource() {
			@Override
			public InputStream getInputStream() throws IOException {
				return attachment.content().open();
			}

			@Override
			public OutputStream getOutputStream() {
				throw new UnsupportedOperationException();
			}

			@Override
			public String getContentType() {
				return attachment.type();
			}

			@Override
			public String getName() {
				return attachment.name();
			}
		}));
		part.setFileName(attachment.name());
		part.setDisposition(Part.ATTACHMENT);
		// set before saveChanges, which would otherwise read the whole content once just to choose an encoding
		part.setHeader("Content-Transfer-Encoding", "base64");
		return part;
	}
}
