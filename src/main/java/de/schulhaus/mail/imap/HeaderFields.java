package de.schulhaus.mail.imap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fields of a header section as they came (for {@code HEADER.FIELDS}) and as text (for ENVELOPE and
 * BODYSTRUCTURE). Raw 8-bit values read as UTF-8 where they are, else Latin-1.
 */
final class HeaderFields {

	/** One field with its continuation lines and line ends, exactly as in the message. */
	record Field(String name, byte[] raw) {

		/** The value unfolded, without the name and colon, trimmed. */
		String value() {
			String text = decode(raw);
			int colon = text.indexOf(':');
			String value = colon < 0 ? "" : text.substring(colon + 1);
			return value.replaceAll("\r?\n[ \t]", " ").replaceAll("[\r\n]", "").strip();
		}
	}

	private static final int MAX_FIELDS = 1000;

	private final List<Field> fields;

	private HeaderFields(List<Field> fields) {
		this.fields = fields;
	}

	/** Splits a header section (with or without its blank line) into fields. */
	static HeaderFields parse(byte[] header) {
		List<Field> fields = new ArrayList<>();
		int start = -1;
		int i = 0;
		while (i < header.length) {
			int end = lineEnd(header, i);
			boolean continuation = header[i] == ' ' || header[i] == '\t';
			boolean blank = end - i <= 2 && (header[i] == '\r' || header[i] == '\n');
			if (!continuation || blank) {
				if (start >= 0) {
					add(fields, header, start, i);
					start = -1;
				}
				if (blank) {
					break;
				}
				start = i;
			}
			i = end;
		}
		if (start >= 0) {
			add(fields, header, start, Math.min(i, header.length));
		}
		return new HeaderFields(fields);
	}

	private static void add(List<Field> fields, byte[] header, int from, int to) {
		if (fields.size() >= MAX_FIELDS) {
			return;
		}
		int colon = from;
		while (colon < to && header[colon] != ':' && header[colon] != '\r' && header[colon] != '\n') {
			colon++;
		}
		if (colon >= to || header[colon] != ':') {
			return;
		}
		String name = new String(header, from, colon - from, StandardCharsets.ISO_8859_1).strip();
		fields.add(new Field(name, Arrays.copyOfRange(header, from, to)));
	}

	private static int lineEnd(byte[] bytes, int from) {
		int i = from;
		while (i < bytes.length && bytes[i] != '\n') {
			i++;
		}
		return Math.min(bytes.length, i + 1);
	}

	List<Field> all() {
		return fields;
	}

	/** The first field of this name, unfolded. */
	Optional<String> first(String name) {
		return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst().map(Field::value);
	}

	/** The raw fields with (or without) these names, and the blank line after them ({@code HEADER.FIELDS}). */
	byte[] select(Collection<String> names, boolean without) {
		List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Field field : fields) {
			if (lower.contains(field.name().toLowerCase(Locale.ROOT)) != without) {
				out.writeBytes(field.raw());
				if (field.raw().length == 0 || field.raw()[field.raw().length - 1] != '\n') {
					out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
				}
			}
		}
		out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	static String decode(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
		} catch (CharacterCodingException notUtf8) {
			return new String(bytes, StandardCharsets.ISO_8859_1);
		}
	}
}
