package de.schulhaus.dav.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import de.schulhaus.dav.DavException;

/**
 * The WebDAV If header (RFC 4918 section 10.4): lists of conditions, each list for the request's
 * resource or for a tagged one; the header holds if one list holds. Parsed by hand because it is a
 * small grammar of its own, not XML.
 */
public record IfHeader(List<ConditionList> lists) {

	/** A condition: a state token or an entity tag, possibly negated. */
	public record Condition(boolean not, String token, String etag) {
	}

	/** The conditions that must all hold, for the tagged resource (a raw URI) or, untagged, the request's. */
	public record ConditionList(String resource, List<Condition> conditions) {
	}

	public static IfHeader parse(String header) {
		if (header == null || header.isBlank()) {
			return new IfHeader(List.of());
		}
		List<ConditionList> lists = new ArrayList<>();
		String resource = null;
		int i = 0;
		int n = header.length();
		while (i < n) {
			char c = header.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '<') {
				int end = closing(header, i, '>');
				resource = header.substring(i + 1, end);
				i = end + 1;
			}
			else if (c == '(') {
				int end = closing(header, i, ')');
				lists.add(new ConditionList(resource, conditions(header.substring(i + 1, end))));
				i = end + 1;
			}
			else {
				throw new DavException(400, "The If header is malformed.");
			}
		}
		return new IfHeader(lists);
	}

	private static List<Condition> conditions(String list) {
		List<Condition> conditions = new ArrayList<>();
		int i = 0;
		boolean not = false;
		while (i < list.length()) {
			char c = list.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (list.regionMatches(true, i, "Not", 0, 3)) {
				not = true;
				i += 3;
			}
			else if (c == '<') {
				int end = closing(list, i, '>');
				conditions.add(new Condition(not, list.substring(i + 1, end), null));
				not = false;
				i = end + 1;
			}
			else if (c == '[') {
				int end = closing(list, i, ']');
				conditions.add(new Condition(not, null, list.substring(i + 1, end)));
				not = false;
				i = end + 1;
			}
			else {
				throw new DavException(400, "The If header is malformed.");
			}
		}
		if (conditions.isEmpty()) {
			throw new DavException(400, "An If header list holds at least one condition.");
		}
		return conditions;
	}

	private static int closing(String s, int from, char close) {
		int end = s.indexOf(close, from + 1);
		if (end < 0) {
			throw new DavException(400, "The If header is malformed.");
		}
		return end;
	}

	public boolean present() {
		return !lists.isEmpty();
	}

	/** Every lock token the client names (and does not negate): it holds those locks. */
	public Set<String> submittedTokens() {
		Set<String> tokens = new HashSet<>();
		for (ConditionList list : lists) {
			for (Condition condition : list.conditions()) {
				if (condition.token() != null && !condition.not()) {
					tokens.add(condition.token());
				}
			}
		}
		return tokens;
	}
}
