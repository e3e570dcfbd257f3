package de.schulhaus.mail.imap;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence set such as {@code 1:3,7,9:*} (RFC 3501 9), of message numbers or UIDs. {@code *} is the
 * largest number in use, resolved when the set is applied; {@code n:m} equals {@code m:n}.
 */
record SequenceSet(List<Range> ranges) {

	static final long STAR = Long.MAX_VALUE;
	private static final long MAX = 0xFFFFFFFFL;

	record Range(long from, long to) {
		/** The range with {@code *} as {@code largest}, lower end first. */
		Range resolve(long largest) {
			long a = from == STAR ? largest : from;
			long b = to == STAR ? largest : to;
			return new Range(Math.min(a, b), Math.max(a, b));
		}
	}

	static SequenceSet parse(String text) {
		if (text == null || text.isEmpty()) {
			throw new BadCommandException("empty sequence set");
		}
		List<Range> ranges = new ArrayList<>();
		for (String part : text.split(",", -1)) {
			int colon = part.indexOf(':');
			if (colon < 0) {
				long n = number(part);
				ranges.add(new Range(n, n));
			} else {
				ranges.add(new Range(number(part.substring(0, colon)), number(part.substring(colon + 1))));
			}
			if (ranges.size() > 10_000) {
				throw new BadCommandException("sequence set too long");
			}
		}
		return new SequenceSet(List.copyOf(ranges));
	}

	static boolean looksLikeSet(String text) {
		return !text.isEmpty() && text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == ':' || c == ',' || c == '*');
	}

	private static long number(String text) {
		if (text.equals("*")) {
			return STAR;
		}
		if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
			throw new BadCommandException("invalid sequence set: " + text);
		}
		long n = Long.parseLong(text);
		if (n < 1 || n > MAX) {
			throw new BadCommandException("numbers in a sequence set run from 1 to 4294967295");
		}
		return n;
	}

	boolean contains(long n, long largest) {
		for (Range range : ranges) {
			Range r = range.resolve(largest);
			if (n >= r.from() && n <= r.to()) {
				return true;
			}
		}
		return false;
	}

	/** The ranges with {@code *} resolved. */
	List<Range> resolved(long largest) {
		return ranges.stream().map(r -> r.resolve(largest)).toList();
	}

	/** UIDs as a set for UIDPLUS answers ({@code 4:6,9}). */
	static String format(List<Long> numbers) {
		StringBuilder out = new StringBuilder();
		int i = 0;
		while (i < numbers.size()) {
			int j = i;
			while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
				j++;
			}
			if (out.length() > 0) {
				out.append(',');
			}
			out.append(numbers.get(i));
			if (j > i) {
				out.append(':').append(numbers.get(j));
			}
			i = j + 1;
		}
		return out.toString();
	}
}
