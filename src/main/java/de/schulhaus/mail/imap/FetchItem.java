package de.schulhaus.mail.imap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One attribute of FETCH. Body sections keep the client's spelling of the section for the answer
 * ({@code BODY[HEADER.FIELDS (From)]}); PEEK and the partial range's length are not echoed.
 */
record FetchItem(Kind kind, Section section) {

	enum Kind {
		UID, FLAGS, INTERNALDATE, RFC822_SIZE, ENVELOPE, BODYSTRUCTURE, BODY, MODSEQ, SECTION, RFC822, RFC822_HEADER, RFC822_TEXT
	}

	enum Part {
		ALL, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME
	}

	/**
	 * @param path the part number ({@code 1.2}), empty for the whole message
	 * @param spelled the section between the brackets as the client wrote it
	 * @param offset the partial range's start, or -1
	 * @param length the partial range's length
	 */
	record Section(boolean peek, int[] path, Part part, List<String> fields, String spelled, long offset, long length) {

		String label() {
			return "BODY[" + spelled + "]" + (offset >= 0 ? "<" + offset + ">" : "");
		}

		/** Whether reading it sets {@code \Seen} (RFC 3501 6.4.5). */
		boolean marksSeen() {
			return !peek;
		}
	}

	static FetchItem of(Kind kind) {
		return new FetchItem(kind, null);
	}

	boolean marksSeen() {
		return kind == Kind.RFC822 || kind == Kind.RFC822_TEXT || (kind == Kind.SECTION && section.marksSeen());
	}

	/** The items a FETCH names: a macro, one attribute, or a list of them (given here as separate words). */
	static List<FetchItem> parse(List<String> words) {
		List<FetchItem> items = new ArrayList<>();
		for (String word : words) {
			String upper = word.toUpperCase(Locale.ROOT);
			switch (upper) {
				case "ALL" -> items.addAll(List.of(of(Kind.FLAGS), of(Kind.INTERNALDATE), of(Kind.RFC822_SIZE), of(Kind.ENVELOPE)));
				case "FAST" -> items.addAll(List.of(of(Kind.FLAGS), of(Kind.INTERNALDATE), of(Kind.RFC822_SIZE)));
				case "FULL" -> items.addAll(List.of(of(Kind.FLAGS), of(Kind.INTERNALDATE), of(Kind.RFC822_SIZE), of(Kind.ENVELOPE), of(Kind.BODY)));
				case "UID" -> items.add(of(Kind.UID));
				case "FLAGS" -> items.add(of(Kind.FLAGS));
				case "INTERNALDATE" -> items.add(of(Kind.INTERNALDATE));
				case "RFC822.SIZE" -> items.add(of(Kind.RFC822_SIZE));
				case "ENVELOPE" -> items.add(of(Kind.ENVELOPE));
				case "BODYSTRUCTURE" -> items.add(of(Kind.BODYSTRUCTURE));
				case "BODY" -> items.add(of(Kind.BODY));
				case "MODSEQ" -> items.add(of(Kind.MODSEQ));
				case "RFC822" -> items.add(of(Kind.RFC822));
				case "RFC822.HEADER" -> items.add(of(Kind.RFC822_HEADER));
				case "RFC822.TEXT" -> items.add(of(Kind.RFC822_TEXT));
				default -> items.add(new FetchItem(Kind.SECTION, section(word)));
			}
		}
		if (items.isEmpty()) {
			throw new BadCommandException("no fetch attributes");
		}
		return items;
	}

	static Section section(String word) {
		String upper = word.toUpperCase(Locale.ROOT);
		boolean peek;
		String rest;
		if (upper.startsWith("BODY.PEEK[")) {
			peek = true;
			rest = word.substring("BODY.PEEK[".length());
		} else if (upper.startsWith("BODY[")) {
			peek = false;
			rest = word.substring("BODY[".length());
		} else {
			throw new BadCommandException("unknown fetch attribute " + word);
		}
		int close = rest.lastIndexOf(']');
		if (close < 0) {
			throw new BadCommandException("missing ] in " + word);
		}
		String spelled = rest.substring(0, close);
		String tail = rest.substring(close + 1);
		long offset = -1;
		long length = -1;
		if (!tail.isEmpty()) {
			if (!tail.startsWith("<") || !tail.endsWith(">")) {
				throw new BadCommandException("malformed partial range in " + word);
			}
			String[] range = tail.substring(1, tail.length() - 1).split("\\.", -1);
			if (range.length != 2) {
				throw new BadCommandException("a partial range is <offset.length>");
			}
			offset = number(range[0]);
			length = number(range[1]);
			if (length == 0) {
				throw new BadCommandException("a partial range needs a length above 0");
			}
		}
		return parseSection(peek, spelled, offset, length);
	}

	private static Section parseSection(boolean peek, String spelled, long offset, long length) {
		String text = spelled;
		String fieldList = null;
		int paren = text.indexOf('(');
		if (paren >= 0) {
			if (!text.endsWith(")")) {
				throw new BadCommandException("malformed header field list");
			}
			fieldList = text.substring(paren + 1, text.length() - 1).strip();
			text = text.substring(0, paren).strip();
		}
		List<Integer> numbers = new ArrayList<>();
		String[] pieces = text.isEmpty() ? new String[0] : text.split("\\.", -1);
		int i = 0;
		while (i < pieces.length && !pieces[i].isEmpty() && pieces[i].chars().allMatch(Character::isDigit)) {
			numbers.add((int) Math.min(Integer.MAX_VALUE, number(pieces[i])));
			i++;
		}
		String what = String.join(".", Arrays.copyOfRange(pieces, i, pieces.length)).toUpperCase(Locale.ROOT);
		Part part = switch (what) {
			case "" -> Part.ALL;
			case "HEADER" -> Part.HEADER;
			case "HEADER.FIELDS" -> Part.HEADER_FIELDS;
			case "HEADER.FIELDS.NOT" -> Part.HEADER_FIELDS_NOT;
			case "TEXT" -> Part.TEXT;
			case "MIME" -> Part.MIME;
			default -> throw new BadCommandException("unknown section " + spelled);
		};
		if (part == Part.MIME && numbers.isEmpty()) {
			throw new BadCommandException("MIME needs a part number");
		}
		if ((part == Part.HEADER_FIELDS || part == Part.HEADER_FIELDS_NOT) != (fieldList != null)) {
			throw new BadCommandException("HEADER.FIELDS takes a list of field names, nothing else does");
		}
		List<String> fields = fieldList == null ? List.of()
				: Arrays.stream(fieldList.split(" +")).filter(f -> !f.isEmpty()).map(f -> f.replace("\"", "")).toList();
		if (fieldList != null && fields.isEmpty()) {
			throw new BadCommandException("empty header field list");
		}
		return new Section(peek, numbers.stream().mapToInt(Integer::intValue).toArray(), part, fields, spelled, offset, length);
	}

	private static long number(String text) {
		if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(Character::isDigit)) {
			throw new BadCommandException("expected a number, got " + text);
		}
		return Long.parseLong(text);
	}
}
