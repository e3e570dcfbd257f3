package de.schulhaus.mail.imap;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the search keys of SEARCH (RFC 3501 6.4.4, MODSEQ of RFC 7162) into one SQL condition, read from
 * the command as they come. Text keys match case-insensitively as substrings of the stored header
 * fields and text; dates are days in UTC, as INTERNALDATE is given.
 */
final class SearchParser {

	static final DateTimeFormatter DATE = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("d-MMM-yyyy")
		.toFormatter(Locale.ENGLISH);
	private static final int MAX_DEPTH = 50;

	private final ImapReader in;
	private final SelectedFolder selected;
	private final Map<String, Object> parameters = new HashMap<>();
	private boolean modseqUsed;

	SearchParser(ImapReader in, SelectedFolder selected) {
		this.in = in;
		this.selected = selected;
	}

	/** Whether a MODSEQ key was given (then the answer names the highest modseq, RFC 7162 3.1.5). */
	boolean modseqUsed() {
		return modseqUsed;
	}

	/** All keys up to the end of the line, joined by AND. */
	SearchCondition parseAll() throws IOException {
		List<String> all = new ArrayList<>();
		all.add(key(0));
		while (in.more()) {
			all.add(key(0));
		}
		return new SearchCondition(String.join(" and ", all), parameters);
	}

	private String key(int depth) throws IOException {
		if (depth > MAX_DEPTH) {
			throw new BadCommandException("search keys nested too deep");
		}
		if (in.peek() == '(') {
			in.read();
			List<String> inner = new ArrayList<>();
			inner.add(key(depth + 1));
			while (in.peek() == ' ') {
				in.read();
				inner.add(key(depth + 1));
			}
			if (in.read() != ')') {
				throw new BadCommandException("missing ) in search keys");
			}
			return "(" + String.join(" and ", inner) + ")";
		}
		String word = in.listMailbox();
		String name = word.toUpperCase(Locale.ROOT);
		if (SequenceSet.looksLikeSet(word)) {
			return uidRanges(selected.uidRanges(SequenceSet.parse(word)));
		}
		return switch (name) {
			case "ALL" -> "1 = 1";
			case "ANSWERED", "DELETED", "DRAFT", "FLAGGED", "SEEN" -> name.toLowerCase(Locale.ROOT) + " = true";
			case "UNANSWERED", "UNDELETED", "UNDRAFT", "UNFLAGGED", "UNSEEN" -> name.substring(2).toLowerCase(Locale.ROOT) + " = false";
			case "NEW" -> "seen = false";
			case "OLD" -> "1 = 1";
			case "RECENT" -> "1 = 0";
			case "KEYWORD" -> keyword(argument());
			case "UNKEYWORD" -> "not " + keyword(argument());
			case "FROM" -> like(argument(), "from_address", "from_name");
			case "TO" -> like(argument(), "to_text");
			case "CC" -> like(argument(), "cc_text");
			case "BCC" -> {
				// Bcc is not kept apart from the raw message, and a received message rarely has one
				argument();
				yield "1 = 0";
			}
			case "SUBJECT" -> like(argument(), "subject");
			case "BODY" -> like(argument(), "search_text");
			case "TEXT" -> like(argument(), "search_text", "subject", "from_address", "from_name", "to_text", "cc_text");
			case "HEADER" -> header(argument(), argument());
			case "SINCE" -> "received_at >= " + param(day(argument()));
			case "BEFORE" -> "received_at < " + param(day(argument()));
			case "ON" -> on("received_at", argument());
			case "SENTSINCE" -> "sent_at >= " + param(day(argument()));
			case "SENTBEFORE" -> "sent_at < " + param(day(argument()));
			case "SENTON" -> on("sent_at", argument());
			case "LARGER" -> "size_bytes > " + param(number(argument()));
			case "SMALLER" -> "size_bytes < " + param(number(argument()));
			case "UID" -> uidRanges(SequenceSet.parse(setArgument()).resolved(Math.max(1, selected.largestUid())));
			case "NOT" -> {
				in.space();
				yield "not (" + key(depth + 1) + ")";
			}
			case "OR" -> {
				in.space();
				String a = key(depth + 1);
				in.space();
				String b = key(depth + 1);
				yield "((" + a + ") or (" + b + "))";
			}
			case "MODSEQ" -> modseq();
			case "CHARSET" -> charset(argument());
			default -> throw new BadCommandException("unknown search key " + word);
		};
	}

	private String setArgument() throws IOException {
		in.space();
		return in.listMailbox();
	}

	private String argument() throws IOException {
		in.space();
		return in.astring();
	}

	private String charset(String name) {
		String upper = name.toUpperCase(Locale.ROOT);
		if (!upper.equals("UTF-8") && !upper.equals("US-ASCII")) {
			throw new NoException("BADCHARSET (UTF-8 US-ASCII)", "only UTF-8 and US-ASCII searches are supported");
		}
		return "1 = 1";
	}

	private String keyword(String keyword) {
		if (keyword.startsWith("\\")) {
			return switch (keyword.toLowerCase(Locale.ROOT)) {
				case "\\seen", "\\answered", "\\flagged", "\\deleted", "\\draft" -> keyword.substring(1).toLowerCase(Locale.ROOT) + " = true";
				default -> "1 = 0";
			};
		}
		return "coalesce(' ' || keywords || ' ', '') like " + param("% " + escape(keyword) + " %") + " escape '!'";
	}

	private String like(String text, String... columns) {
		String value = param("%" + escape(text.toLowerCase(Locale.ROOT)) + "%");
		List<String> each = new ArrayList<>();
		for (String column : columns) {
			each.add("lower(coalesce(" + column + ", '')) like " + value + " escape '!'");
		}
		return "(" + String.join(" or ", each) + ")";
	}

	private String header(String field, String value) {
		String column = switch (field.toLowerCase(Locale.ROOT)) {
			case "message-id" -> "message_id";
			case "in-reply-to" -> "in_reply_to";
			case "subject" -> "subject";
			case "from" -> "from_address";
			case "to" -> "to_text";
			case "cc" -> "cc_text";
			default -> null;
		};
		if (column == null) {
			// other header fields are not kept apart from the raw message
			throw new NoException("CANNOT", "searching the header field " + field + " is not supported; use Message-ID, Subject, From, To or Cc");
		}
		if (value.isEmpty()) {
			return column + " is not null";
		}
		if (column.equals("from_address")) {
			return like(value, "from_address", "from_name");
		}
		return like(value, column);
	}

	private String on(String column, String date) {
		Timestamp day = day(date);
		Timestamp next = Timestamp.from(day.toInstant().plusSeconds(86_400));
		return "(" + column + " >= " + param(day) + " and " + column + " < " + param(next) + ")";
	}

	private String modseq() throws IOException {
		in.space();
		String first = in.astring();
		if (in.peek() == ' ' && !first.chars().allMatch(Character::isDigit)) {
			// an entry name and type (RFC 7162) come before the value; flags are not told apart here
			in.read();
			in.atom();
			in.space();
			first = in.atom();
		}
		modseqUsed = true;
		return "modseq >= " + param(number(first));
	}

	private String uidRanges(List<SequenceSet.Range> ranges) {
		if (ranges.isEmpty()) {
			return "1 = 0";
		}
		List<String> each = new ArrayList<>();
		for (SequenceSet.Range range : ranges) {
			each.add(range.from() == range.to() ? "uid = " + param(range.from())
					: "uid between " + param(range.from()) + " and " + param(range.to()));
		}
		return "(" + String.join(" or ", each) + ")";
	}

	private String param(Object value) {
		String name = "s" + parameters.size();
		parameters.put(name, value);
		return ":" + name;
	}

	private static long number(String text) {
		if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
			throw new BadCommandException("expected a number, got " + text);
		}
		return Long.parseLong(text);
	}

	static Timestamp day(String text) {
		try {
			return Timestamp.from(LocalDate.parse(text, DATE).atStartOfDay(ZoneOffset.UTC).toInstant());
		} catch (DateTimeParseException e) {
			throw new BadCommandException("expected a date such as 1-Feb-2026, got " + text);
		}
	}

	private static String escape(String text) {
		return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}
}
