package de.schulhaus.mail.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.springframework.stereotype.Component;

import de.schulhaus.mail.internal.EncodedWords;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.platform.NotFoundException;

/**
 * Reads a stored message's MIME structure with mime4j's token stream, never holding the message in memory:
 * the text to show (HTML preferred, at most {@link #MAX_TEXT} characters), the attachments by their
 * number among the leaf parts, and one part's decoded content streamed out for a download.
 */
@Component
class MessageParts {

	static final int MAX_TEXT = 1_000_000;

	private final MessageStore store;

	MessageParts(MessageStore store) {
		this.store = store;
	}

	/** A leaf part: its number (1 for the first), type, file name and Content-ID (without brackets). */
	record Part(int number, String type, String fileName, String contentId, boolean attachment) {

		public String name() {
			return fileName != null && !fileName.isBlank() ? fileName : "anhang-" + number;
		}
	}

	/** What the reading pane shows: the text (HTML or plain), the References chain and the attachments. */
	record Content(String text, boolean html, java.util.Map<String, String> headers, List<Part> parts) {

		List<Part> attachments() {
			return parts.stream().filter(Part::attachment).toList();
		}

		String references() {
			return headers.get("references");
		}

		/** The bare addresses of an address header ({@code to}, {@code cc}, {@code bcc}, {@code reply-to}). */
		List<String> addresses(String header) {
			String body = headers.get(header);
			if (body == null || body.isBlank()) {
				return List.of();
			}
			try {
				return org.apache.james.mime4j.field.address.DefaultAddressParser.DEFAULT.parseAddressList(body).flatten().stream()
					.map(org.apache.james.mime4j.dom.address.Mailbox::getAddress).toList();
			} catch (RuntimeException | org.apache.james.mime4j.field.address.ParseException unreadable) {
				return List.of();
			}
		}
	}

	private static final java.util.Set<String> KEPT_HEADERS = java.util.Set.of("references", "to", "cc", "bcc", "reply-to");

	Content read(StoredMessage message) {
		return read(message, true);
	}

	/** The parts and headers only: a download needs no text read into memory. */
	Content structure(StoredMessage message) {
		return read(message, false);
	}

	private Content read(StoredMessage message, boolean withText) {
		try (InputStream raw = store.open(message)) {
			MimeTokenStream stream = stream(raw);
			String plain = null;
			String html = null;
			java.util.Map<String, String> headers = new java.util.HashMap<>();
			List<Part> parts = new ArrayList<>();
			int depth = 0;
			for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = next(stream)) {
				switch (state) {
					case T_START_MESSAGE, T_START_BODYPART -> depth++;
					case T_END_MESSAGE, T_END_BODYPART -> depth--;
					case T_FIELD -> {
						String name = stream.getField().getName().toLowerCase(Locale.ROOT);
						if (depth == 1 && KEPT_HEADERS.contains(name) && !headers.containsKey(name)) {
							// unfolded, still encoded: the address parser reads encoded names itself
							headers.put(name, stream.getField().getBody().replaceAll("\\r?\\n[ \\t]", " "));
						}
					}
					case T_BODY -> {
						Part part = describe(stream, parts.size() + 1);
						parts.add(part);
						if (!withText) {
							continue;
						}
						if (!part.attachment() && part.type().equals("text/html") && html == null) {
							html = text(stream);
						} else if (!part.attachment() && part.type().equals("text/plain") && plain == null) {
							plain = text(stream);
						}
					}
					default -> {
					}
				}
			}
			return new Content(html != null ? html : plain == null ? "" : plain, html != null, headers, parts);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The part with this number, for its headers before streaming it. */
	Optional<Part> part(StoredMessage message, int number) {
		return structure(message).parts().stream().filter(p -> p.number() == number).findFirst();
	}

	/** Streams the decoded content of the part with this number. */
	void copy(StoredMessage message, int number, OutputStream out) throws IOException {
		try (InputStream raw = store.open(message)) {
			MimeTokenStream stream = stream(raw);
			int seen = 0;
			for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = next(stream)) {
				if (state == EntityState.T_BODY && ++seen == number) {
					try (InputStream content = stream.getDecodedInputStream()) {
						content.transferTo(out);
					}
					return;
				}
			}
		}
		throw new NotFoundException("part");
	}

	/** A part's content as a stream for composing (forwarding an attachment): the caller reads it to its end and closes it. */
	InputStream open(StoredMessage message, int number) {
		InputStream raw = store.open(message);
		try {
			MimeTokenStream stream = stream(raw);
			int seen = 0;
			for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = next(stream)) {
				if (state == EntityState.T_BODY && ++seen == number) {
					InputStream content = stream.getDecodedInputStream();
					return new java.io.FilterInputStream(content) {
						@Override
						public void close() throws IOException {
							raw.close();
						}
					};
				}
			}
		} catch (IOException | RuntimeException e) {
			closeQuietly(raw);
			throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
		}
		closeQuietly(raw);
		throw new NotFoundException("part");
	}

	private static void closeQuietly(InputStream in) {
		try {
			in.close();
		} catch (IOException ignored) {
			// nothing was read from it
		}
	}

	private static MimeTokenStream stream(InputStream raw) {
		MimeConfig config = MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(-1).setMaxContentLen(-1)
			.setStrictParsing(false).build();
		MimeTokenStream stream = new MimeTokenStream(config, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
		stream.parse(raw);
		return stream;
	}

	private static EntityState next(MimeTokenStream stream) throws IOException {
		try {
			return stream.next();
		} catch (MimeException malformed) {
			// what was read so far is shown; the raw message stays as it came
			return EntityState.T_END_OF_STREAM;
		}
	}

	private static Part describe(MimeTokenStream stream, int number) {
		MaximalBodyDescriptor body = (MaximalBodyDescriptor) stream.getBodyDescriptor();
		String type = body.getMimeType() == null ? "text/plain" : body.getMimeType().toLowerCase(Locale.ROOT);
		String name = body.getContentDispositionFilename();
		if (name == null) {
			name = body.getContentTypeParameters().get("name");
		}
		if (name != null) {
			name = EncodedWords.decode(name).replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
		}
		String contentId = body.getContentId();
		if (contentId != null) {
			contentId = contentId.strip().replaceAll("^<|>$", "");
		}
		boolean attachment = "attachment".equalsIgnoreCase(body.getContentDispositionType())
				|| (name != null && !name.isBlank())
				// an image the HTML shows by its Content-ID is part of the text, not an attachment
				|| (!type.startsWith("text/") && !type.startsWith("multipart/") && contentId == null);
		return new Part(number, type, name, contentId, attachment);
	}

	private static String text(MimeTokenStream stream) throws IOException {
		MaximalBodyDescriptor body = (MaximalBodyDescriptor) stream.getBodyDescriptor();
		Charset charset = charset(body.getCharset());
		StringBuilder text = new StringBuilder();
		try (Reader reader = new InputStreamReader(stream.getDecodedInputStream(),
				charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE))) {
			char[] buffer = new char[8192];
			int n;
			while (text.length() < MAX_TEXT && (n = reader.read(buffer)) > 0) {
				text.append(buffer, 0, n);
			}
		}
		return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text.toString();
	}

	private static Charset charset(String name) {
		try {
			return name == null || name.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(name.strip());
		} catch (RuntimeException unknown) {
			return StandardCharsets.UTF_8;
		}
	}
}
