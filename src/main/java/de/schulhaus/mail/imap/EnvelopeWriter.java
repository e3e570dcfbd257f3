package de.schulhaus.mail.imap;

import java.io.IOException;
import java.util.List;

import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * ENVELOPE (RFC 3501 7.4.2) from a header's fields: strings as the message has them (clients decode
 * RFC 2047 words themselves), addresses split by mime4j's lenient parser.
 */
final class EnvelopeWriter {

	private EnvelopeWriter() {
	}

	static void write(ImapWriter out, HeaderFields header) throws IOException {
		out.raw("(");
		out.nstring(header.first("Date").orElse(null)).raw(" ");
		out.nstring(header.first("Subject").orElse(null)).raw(" ");
		String from = header.first("From").orElse(null);
		addresses(out, from);
		out.raw(" ");
		addresses(out, header.first("Sender").orElse(from));
		out.raw(" ");
		addresses(out, header.first("Reply-To").orElse(from));
		for (String name : List.of("To", "Cc", "Bcc")) {
			out.raw(" ");
			addresses(out, header.first(name).orElse(null));
		}
		out.raw(" ");
		out.nstring(header.first("In-Reply-To").orElse(null)).raw(" ");
		out.nstring(header.first("Message-ID").orElse(null));
		out.raw(")");
	}

	private static void addresses(ImapWriter out, String value) throws IOException {
		AddressList list = null;
		if (value != null && !value.isBlank()) {
			try {
				list = LenientAddressParser.DEFAULT.parseAddressList(value);
			} catch (RuntimeException unreadable) {
				list = null;
			}
		}
		if (list == null || list.isEmpty()) {
			out.raw("NIL");
			return;
		}
		out.raw("(");
		for (Address address : list) {
			if (address instanceof Group group) {
				out.raw("(NIL NIL ").nstring(group.getName()).raw(" NIL)");
				for (Mailbox mailbox : group.getMailboxes()) {
					mailbox(out, mailbox);
				}
				out.raw("(NIL NIL NIL NIL)");
			} else if (address instanceof Mailbox mailbox) {
				mailbox(out, mailbox);
			}
		}
		out.raw(")");
	}

	private static void mailbox(ImapWriter out, Mailbox mailbox) throws IOException {
		String name = mailbox.getName();
		if (name != null && !ImapWriter.quotable(name)) {
			// mime4j decodes encoded words; clients expect them as sent
			name = EncoderUtil.encodeEncodedWord(name, EncoderUtil.Usage.TEXT_TOKEN, 0, java.nio.charset.StandardCharsets.UTF_8, EncoderUtil.Encoding.Q);
		}
		out.raw("(").nstring(name == null || name.isBlank() ? null : name).raw(" NIL ");
		out.nstring(mailbox.getLocalPart()).raw(" ");
		out.nstring(mailbox.getDomain() == null || mailbox.getDomain().isEmpty() ? null : mailbox.getDomain()).raw(")");
	}
}
