package de.schulhaus.mail.imip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/** The {@code text/calendar; method=REPLY} part of a message, decoded, if it has one of a sensible size. */
final class CalendarReplyPart {

	/** A reply is a few kilobytes; more is not an answer to read. */
	static final int MAX_BYTES = 256 * 1024;

	private CalendarReplyPart() {
	}

	static Optional<String> of(InputStream message) throws IOException {
		MimeConfig config = MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(-1).setStrictParsing(false).build();
		MimeTokenStream stream = new MimeTokenStream(config, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
		stream.parse(message);
		try {
			for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
				if (state != EntityState.T_BODY) {
					continue;
				}
				MaximalBodyDescriptor body = (MaximalBodyDescriptor) stream.getBodyDescriptor();
				String type = body.getMimeType() == null ? "" : body.getMimeType().toLowerCase(Locale.ROOT);
				String method = body.getContentTypeParameters().getOrDefault("method", "").strip();
				if (type.equals("text/calendar") && method.equalsIgnoreCase("REPLY")) {
					byte[] bytes = stream.getDecodedInputStream().readNBytes(MAX_BYTES + 1);
					if (bytes.length > MAX_BYTES) {
						return Optional.empty();
					}
					return Optional.of(new String(bytes, charset(body.getCharset())));
				}
			}
		} catch (MimeException malformed) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	private static Charset charset(String name) {
		try {
			return name == null || name.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(name);
		} catch (IllegalArgumentException unknown) {
			return StandardCharsets.UTF_8;
		}
	}
}
