package de.schulhaus.mail.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A message's flags: the system flags of IMAP as booleans, other keywords ({@code $Forwarded},
 * {@code $Junk}, a person's own labels) as a set. {@code \Recent} is not kept (RFC 9051 dropped it).
 */
public record Flags(boolean seen, boolean answered, boolean flagged, boolean deleted, boolean draft, Set<String> keywords) {

	public static final Flags NONE = new Flags(false, false, false, false, false, Set.of());
	/** Keywords are atoms; at most this many per message, so a client cannot grow a row without end. */
	public static final int MAX_KEYWORDS = 50;

	public Flags {
		keywords = keywords == null ? Set.of() : Set.copyOf(keywords);
	}

	/** Flags from IMAP names ({@code \Seen}, {@code $Forwarded}); unknown system flags are refused. */
	public static Flags of(Collection<String> names) {
		boolean seen = false, answered = false, flagged = false, deleted = false, draft = false;
		Set<String> keywords = new LinkedHashSet<>();
		for (String name : names) {
			switch (name.toLowerCase(Locale.ROOT)) {
				case "\\seen" -> seen = true;
				case "\\answered" -> answered = true;
				case "\\flagged" -> flagged = true;
				case "\\deleted" -> deleted = true;
				case "\\draft" -> draft = true;
				case "\\recent" -> {
					// session-only in RFC 3501 and gone in RFC 9051: ignored
				}
				default -> {
					if (name.startsWith("\\") || !validKeyword(name)) {
						throw new IllegalArgumentException("invalid flag " + name);
					}
					keywords.add(name);
				}
			}
		}
		if (keywords.size() > MAX_KEYWORDS) {
			throw new IllegalArgumentException("at most " + MAX_KEYWORDS + " keywords per message");
		}
		return new Flags(seen, answered, flagged, deleted, draft, keywords);
	}

	static boolean validKeyword(String name) {
		return !name.isEmpty() && name.length() <= 64 && name.chars().allMatch(c -> c > 0x20 && c < 0x7f && "(){%*\"\\]".indexOf(c) < 0);
	}

	public Flags plus(Flags other) {
		Set<String> all = new LinkedHashSet<>(keywords);
		all.addAll(other.keywords);
		return new Flags(seen || other.seen, answered || other.answered, flagged || other.flagged, deleted || other.deleted,
				draft || other.draft, all);
	}

	public Flags minus(Flags other) {
		Set<String> rest = new LinkedHashSet<>(keywords);
		rest.removeAll(other.keywords);
		return new Flags(seen && !other.seen, answered && !other.answered, flagged && !other.flagged, deleted && !other.deleted,
				draft && !other.draft, rest);
	}

	public Flags withSeen(boolean value) {
		return new Flags(value, answered, flagged, deleted, draft, keywords);
	}

	/** The flags by their IMAP names, system flags first. */
	public Set<String> names() {
		Set<String> names = new LinkedHashSet<>();
		if (seen) {
			names.add("\\Seen");
		}
		if (answered) {
			names.add("\\Answered");
		}
		if (flagged) {
			names.add("\\Flagged");
		}
		if (deleted) {
			names.add("\\Deleted");
		}
		if (draft) {
			names.add("\\Draft");
		}
		names.addAll(keywords);
		return names;
	}

	String keywordColumn() {
		return keywords.isEmpty() ? null : String.join(" ", keywords);
	}

	static Set<String> keywordsOf(String column) {
		return column == null || column.isBlank() ? Set.of()
				: Arrays.stream(column.split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
	}
}
