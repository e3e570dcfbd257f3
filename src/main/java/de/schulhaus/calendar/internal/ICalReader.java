package de.schulhaus.calendar.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.fortuna.ical4j.data.CalendarParserImpl;
import net.fortuna.ical4j.data.ContentHandler;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.data.UnfoldingReader;

/**
 * Reads iCalendar bytes with a size limit, as strict UTF-8, to CRLF text, and parses it with ical4j's
 * parser into a tree of components and raw properties. Values are interpreted later by their users, so
 * that an unknown TZID or a broken RRULE is reported as exactly that, with its line.
 */
final class ICalReader {

	private static final int MAX_NESTING = 8;

	private ICalReader() {
	}

	static String read(InputStream in, long maxBytes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try (in) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				if (bytes.size() + (long) read > maxBytes) {
					throw new InvalidCalendarData(InvalidCalendarData.MAX_SIZE,
							"The calendar data is larger than the limit of " + maxBytes + " bytes");
				}
				bytes.write(buffer, 0, read);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		String text;
		try {
			text = utf8(bytes.toByteArray());
		} catch (CharacterCodingException e) {
			try {
				// some generators fold lines inside a UTF-8 sequence (RFC 5545 3.1 says they should not): unfold first
				text = utf8(unfolded(bytes.toByteArray()));
			} catch (CharacterCodingException stillNot) {
				throw new InvalidCalendarData(InvalidCalendarData.SUPPORTED_DATA, "The calendar data is not UTF-8");
			}
		}
		return withCrlf(text.startsWith("\uFEFF") ? text.substring(1) : text);
	}

	private static String utf8(byte[] bytes) throws CharacterCodingException {
		return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
	}

	/** The bytes without line folds (CRLF or LF followed by a space or tab). */
	private static byte[] unfolded(byte[] bytes) {
		ByteArrayOutputStream unfolded = new ByteArrayOutputStream(bytes.length);
		for (int i = 0; i < bytes.length; i++) {
			int fold = bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n' ? 2 : bytes[i] == '\n' ? 1 : 0;
			if (fold > 0 && i + fold < bytes.length && (bytes[i + fold] == ' ' || bytes[i + fold] == '\t')) {
				i += fold;
			} else {
				unfolded.write(bytes[i]);
			}
		}
		return unfolded.toByteArray();
	}

	/** Line endings as RFC 5545 wants them: clients and files sometimes have bare LF (or CR). */
	static String withCrlf(String text) {
		StringBuilder crlf = new StringBuilder(text.length() + text.length() / 40);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\r') {
				if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				crlf.append("\r\n");
			} else if (c == '\n') {
				crlf.append("\r\n");
			} else {
				crlf.append(c);
			}
		}
		if (crlf.length() > 0 && !(crlf.charAt(crlf.length() - 1) == '\n')) {
			crlf.append("\r\n");
		}
		return crlf.toString();
	}

	static ICalDocument parse(String text) {
		String[] lines = text.split("\r\n", -1);
		List<Integer> contentLines = new ArrayList<>();
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (!line.isEmpty() && line.charAt(0) != ' ' && line.charAt(0) != '\t') {
				contentLines.add(i + 1);
			}
		}
		TreeBuilder tree = new TreeBuilder(contentLines);
		try {
			// relaxed: tolerates blank lines and Apple's "\;" in X-APPLE-STRUCTURED-LOCATION parameters
			new CalendarParserImpl(true).parse(new UnfoldingReader(new StringReader(text), false), tree);
		} catch (ParserException e) {
			if (e.getCause() instanceof InvalidCalendarData invalid) {
				throw invalid;
			}
			throw InvalidCalendarData.data("The data is not valid iCalendar: " + e.getMessage());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (tree.calendars.isEmpty()) {
			throw InvalidCalendarData.data("The data has no VCALENDAR");
		}
		return new ICalDocument(text, List.of(lines), tree.calendars);
	}

	/** Builds the component tree from the parser's events; each event is one content line, in order. */
	private static final class TreeBuilder implements ContentHandler {

		private final List<Integer> contentLines;
		private int next;
		private final List<ICalComponent> calendars = new ArrayList<>();
		private final Deque<ICalComponent> open = new ArrayDeque<>();
		private String propertyName;
		private int propertyLine;
		private Map<String, String> parameters;

		TreeBuilder(List<Integer> contentLines) {
			this.contentLines = contentLines;
		}

		private int line() {
			return next < contentLines.size() ? contentLines.get(next++) : contentLines.get(contentLines.size() - 1);
		}

		@Override
		public void startCalendar() {
			startComponent("VCALENDAR");
		}

		@Override
		public void endCalendar() {
			endComponent("VCALENDAR");
		}

		@Override
		public void startComponent(String name) {
			if (open.size() >= MAX_NESTING) {
				throw InvalidCalendarData.data("Components are nested too deeply (line " + line() + ")");
			}
			ICalComponent component = new ICalComponent(name.toUpperCase(Locale.ROOT), line());
			if (open.isEmpty()) {
				calendars.add(component);
			} else {
				open.peek().add(component);
			}
			open.push(component);
		}

		@Override
		public void endComponent(String name) {
			open.pop().end(line());
		}

		@Override
		public void startProperty(String name) {
			propertyName = name.toUpperCase(Locale.ROOT);
			propertyLine = line();
			parameters = new LinkedHashMap<>();
		}

		@Override
		public void parameter(String name, String value) {
			parameters.putIfAbsent(name.toUpperCase(Locale.ROOT), value);
		}

		@Override
		public void propertyValue(String value) {
			open.peek().add(new ICalProperty(propertyName, Map.copyOf(parameters), value, propertyLine));
		}

		@Override
		public void endProperty(String name) {
		}
	}
}
