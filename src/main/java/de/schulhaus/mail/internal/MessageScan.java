package de.schulhaus.mail.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.field.AddressListField;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.dom.field.MailboxListField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.dom.field.UnstructuredField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * Reads a raw message once, streaming, for what is kept in the database: the header fields lists show
 * (decoded from RFC 2047 words; raw 8-bit headers read as UTF-8, else Latin-1), whether it has
 * attachments, and its text for search and the preview. Malformed MIME never fails a delivery: what
 * cannot be read is left empty, and the raw message is kept as it came.
 */
public final class MessageScan {

	/** The most text kept per message for search and preview. */
	public static final int MAX_TEXT = 60_000;
	private static final int MAX_FIELD = 990;
	private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,990}>");
	private static final Pattern TAG = Pattern.compile("(?is)<(script|style)[^>]*>.*?</\\1\\s*>|<[^>]*>");

	private MessageScan() {
	}

	/** Scans a message; reads the stream to its end (or to the end of what is needed) but does not close it. */
	public static ScannedMessage scan(InputStream raw) throws IOException {
		BufferedInputStream in = new BufferedInputStream(raw, 16 * 1024);
		in.mark(Integer.MAX_VALUE);
		long headerBytes = headerLength(in);
		in.reset();
		// marked only for the header: beyond it the buffer need not grow
		in.mark(0);
		return parse(in, headerBytes);
	}

	/** Bytes up to and including the blank line after the header (the whole message if it has no body). */
	static long headerLength(InputStream in) throws IOException {
		long count = 0;
		int previous = -1;
		boolean lineStart = true;
		int b;
		while ((b = in.read()) >= 0) {
			count++;
			if (b == '\n') {
				if (lineStart) {
					return count;
				}
				lineStart = true;
			} else if (b == '\r' && (previous == '\n' || previous == -1)) {
				// CR of an empty line: the LF that follows ends the header
			} else {
				lineStart = false;
			}
			previous = b;
			if (count > 1024 * 1024) {
				// a header of a megabyte is broken; the rest is treated as its body for section reads
				return count;
			}
		}
		return count;
	}

	private static ScannedMessage parse(InputStream in, long headerBytes) throws IOException {
		MimeConfig config = MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(-1).setMaxContentLen(-1)
			.setStrictParsing(false).build();
		MimeTokenStream stream = new MimeTokenStream(config, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
		stream.parse(in);
		Headers top = new Headers();
		int depth = 0;
		boolean attachments = false;
		StringBuilder text = new StringBuilder();
		boolean htmlText = false;
		boolean calendarReply = false;
		try {
			for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
				switch (state) {
					case T_START_MESSAGE, T_START_BODYPART -> depth++;
					case T_END_MESSAGE, T_END_BODYPART -> depth--;
					case T_FIELD -> {
						if (depth == 1) {
							top.take(stream.getField());
						}
					}
					case T_BODY -> {
						MaximalBodyDescriptor body = (MaximalBodyDescriptor) stream.getBodyDescriptor();
						String type = body.getMimeType() == null ? "text/plain" : body.getMimeType().toLowerCase(Locale.ROOT);
						boolean attachment = "attachment".equalsIgnoreCase(body.getContentDispositionType())
								|| (!type.startsWith("text/") && !type.startsWith("multipart/") && !type.startsWith("message/"));
						if (type.equals("text/calendar")) {
							// an answer to an invitation (iMIP, RFC 6047): the calendar takes it after delivery
							calendarReply |= "reply".equalsIgnoreCase(body.getContentTypeParameters().getOrDefault("method", "").strip());
						}
						if (attachment) {
							attachments = true;
						} else if (type.equals("text/plain") && (text.isEmpty() || htmlText)) {
							text.setLength(0);
							htmlText = false;
							readText(stream, body.getCharset(), text);
						} else if (type.equals("text/html") && text.isEmpty()) {
							StringBuilder html = new StringBuilder();
							readText(stream, body.getCharset(), html);
							text.append(htmlToText(html));
							htmlText = true;
						}
					}
					default -> {
					}
				}
			}
		} catch (MimeException e) {
			// malformed structure: keep what was read so far, the raw message stays as it came
		}
		return new ScannedMessage(headerBytes, top.sentAt, top.subject, top.fromAddress, top.fromName, top.to, top.cc, top.messageId,
				top.inReplyTo, top.references, attachments, text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text.toString(), calendarReply);
	}

	private static void readText(MimeTokenStream stream, String charset, StringBuilder into) throws IOException {
		Charset cs = charsetOr(charset, StandardCharsets.UTF_8);
		try (Reader reader = new InputStreamReader(stream.getDecodedInputStream(), cs.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE))) {
			char[] buffer = new char[8192];
			int n;
			while (into.length() < MAX_TEXT * 2 && (n = reader.read(buffer)) > 0) {
				into.append(buffer, 0, n);
			}
		}
	}

	static String htmlToText(CharSequence html) {
		String stripped = TAG.matcher(html).replaceAll(" ");
		return stripped.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
			.replace("&amp;", "&");
	}

	static Charset charsetOr(String name, Charset fallback) {
		if (name == null || name.isBlank()) {
			return fallback;
		}
		try {
			return Charset.forName(name.strip());
		} catch (RuntimeException unknown) {
			return fallback;
		}
	}

	/** A raw header field as text: UTF-8 where its bytes are (RFC 6532), else Latin-1, never an error. */
	static String decodeRaw(ByteSequence raw) {
		return utf8OrLatin1(raw.toByteArray());
	}

	/** Bytes as UTF-8 where they are valid UTF-8, else as Latin-1 (which reads every byte). */
	static String utf8OrLatin1(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
		} catch (CharacterCodingException notUtf8) {
			return new String(bytes, StandardCharsets.ISO_8859_1);
		}
	}

	/**
	 * The From's display name: an encoded one decoded by {@link EncodedWords} from the raw header (mime4j
	 * garbles words whose bytes are not what they declare), else as mime4j read it.
	 */
	private static String displayName(String rawBody, String parsedName) {
		String raw = rawBody == null ? "" : unfold(rawBody);
		int angle = raw.indexOf('<');
		if (!raw.contains("=?") || angle <= 0) {
			return parsedName;
		}
		String name = raw.substring(0, angle).strip();
		if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
			name = name.substring(1, name.length() - 1);
		}
		return name.isEmpty() ? parsedName : EncodedWords.decode(name);
	}

	private static String unfold(String body) {
		return body == null ? null : body.replaceAll("\\r?\\n(?=[ \\t])", "");
	}

	static String clip(String value, int max) {
		if (value == null) {
			return null;
		}
		String clean = value.replaceAll("[\\r\\n\\t]+", " ").strip();
		return clean.length() <= max ? clean : clean.substring(0, max);
	}

	private static final class Headers {
		Instant sentAt;
		String subject;
		String fromAddress;
		String fromName;
		String to;
		String cc;
		String messageId;
		String inReplyTo;
		List<String> references = new ArrayList<>();

		void take(Field field) {
			String name = field.getName().toLowerCase(Locale.ROOT);
			if (!List.of("date", "subject", "from", "to", "cc", "message-id", "in-reply-to", "references").contains(name)) {
				return;
			}
			ParsedField parsed;
			try {
				parsed = LenientFieldParser.parse(decodeRaw(field.getRaw()), DecodeMonitor.SILENT);
			} catch (MimeException | RuntimeException e) {
				return;
			}
			switch (name) {
				case "date" -> {
					if (sentAt == null && parsed instanceof DateTimeField date && date.isValidField() && date.getDate() != null) {
						sentAt = date.getDate().toInstant();
					}
				}
				case "subject" -> {
					if (subject == null && parsed instanceof UnstructuredField) {
						// decoded here, not by mime4j: it garbles words whose bytes are not what they declare
						subject = clip(EncodedWords.decode(unfold(parsed.getBody())), MAX_FIELD);
					}
				}
				case "from" -> {
					if (fromAddress == null && parsed instanceof MailboxListField list && list.getMailboxList() != null
							&& !list.getMailboxList().isEmpty()) {
						Mailbox first = list.getMailboxList().get(0);
						fromAddress = clip(first.getAddress().toLowerCase(Locale.ROOT), 320);
						fromName = clip(displayName(parsed.getBody(), first.getName()), 200);
					}
				}
				case "to" -> to = join(to, parsed);
				case "cc" -> cc = join(cc, parsed);
				case "message-id" -> {
					if (messageId == null) {
						messageId = firstId(parsed.getBody());
					}
				}
				case "in-reply-to" -> {
					if (inReplyTo == null) {
						inReplyTo = firstId(parsed.getBody());
						if (inReplyTo != null) {
							references.add(inReplyTo);
						}
					}
				}
				case "references" -> {
					Matcher ids = MESSAGE_ID.matcher(parsed.getBody() == null ? "" : parsed.getBody());
					while (ids.find() && references.size() < 50) {
						references.add(ids.group());
					}
				}
				default -> {
				}
			}
		}

		private static String firstId(String body) {
			if (body == null) {
				return null;
			}
			Matcher id = MESSAGE_ID.matcher(body);
			return id.find() ? id.group() : clip(body, MAX_FIELD);
		}

		private static String join(String existing, ParsedField parsed) {
			if (!(parsed instanceof AddressListField list) || list.getAddressList() == null) {
				return existing;
			}
			StringBuilder text = new StringBuilder(existing == null ? "" : existing);
			for (Address address : list.getAddressList()) {
				for (Mailbox mailbox : address instanceof Group group ? group.getMailboxes() : List.of((Mailbox) address)) {
					if (!text.isEmpty()) {
						text.append(", ");
					}
					text.append(mailbox.getName() != null && !mailbox.getName().isBlank()
							? mailbox.getName() + " <" + mailbox.getAddress() + ">" : mailbox.getAddress());
				}
			}
			return clip(text.toString(), 2000);
		}
	}
}
