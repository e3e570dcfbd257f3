package de.schulhaus.mail.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.field.LenientFieldParser;

/**
 * One entity of a message with where it lies in the raw bytes: its header from {@code start} to
 * {@code bodyStart}, its body to {@code end}. Multiparts have parts, a message/rfc822 has its message.
 */
final class MimePart {

	long start;
	long bodyStart;
	long end;
	long lines;
	HeaderFields header;
	final List<MimePart> parts = new ArrayList<>();
	MimePart message;
	private final String defaultType;

	MimePart(String defaultType) {
		this.defaultType = defaultType;
	}

	long bodySize() {
		return Math.max(0, end - bodyStart);
	}

	String type() {
		return contentType().map(t -> t.getMediaType()).filter(t -> t != null && !t.isBlank()).map(t -> t.toLowerCase(Locale.ROOT))
			.orElse(defaultType.substring(0, defaultType.indexOf('/')));
	}

	String subtype() {
		if (contentType().map(t -> t.getMediaType()).filter(t -> t != null && !t.isBlank()).isEmpty()) {
			return defaultType.substring(defaultType.indexOf('/') + 1);
		}
		String sub = contentType().map(ContentTypeField::getSubType).orElse(null);
		return sub == null || sub.isBlank() ? "plain" : sub.toLowerCase(Locale.ROOT);
	}

	boolean multipart() {
		return type().equals("multipart");
	}

	boolean rfc822() {
		return type().equals("message") && subtype().equals("rfc822");
	}

	String boundary() {
		return contentType().map(ContentTypeField::getBoundary).filter(b -> !b.isEmpty()).orElse(null);
	}

	Map<String, String> parameters() {
		Map<String, String> parameters = contentType().map(ContentTypeField::getParameters).orElse(Map.of());
		if (type().equals("text") && !parameters.containsKey("charset")) {
			return Map.of("charset", "us-ascii");
		}
		return parameters;
	}

	java.util.Optional<ContentTypeField> contentType() {
		return parsed("Content-Type").filter(ContentTypeField.class::isInstance).map(ContentTypeField.class::cast);
	}

	java.util.Optional<ContentDispositionField> disposition() {
		return parsed("Content-Disposition").filter(ContentDispositionField.class::isInstance).map(ContentDispositionField.class::cast)
			.filter(d -> d.getDispositionType() != null && !d.getDispositionType().isBlank());
	}

	String field(String name) {
		return header == null ? null : header.first(name).orElse(null);
	}

	private java.util.Optional<ParsedField> parsed(String name) {
		if (header == null) {
			return java.util.Optional.empty();
		}
		return header.all().stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst().map(f -> {
			try {
				return LenientFieldParser.parse(HeaderFields.decode(f.raw()), DecodeMonitor.SILENT);
			} catch (Exception unreadable) {
				return null;
			}
		});
	}

	/** The part with this number ({@code 1.2}); a non-multipart message has part 1, itself. */
	MimePart part(int[] path) {
		MimePart current = this;
		for (int n : path) {
			if (current.rfc822() && current.message != null) {
				current = current.message;
			}
			if (current.multipart()) {
				if (n < 1 || n > current.parts.size()) {
					return null;
				}
				current = current.parts.get(n - 1);
			} else if (n != 1) {
				return null;
			}
		}
		return current;
	}
}
