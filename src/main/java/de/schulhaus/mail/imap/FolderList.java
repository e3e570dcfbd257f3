package de.schulhaus.mail.imap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * LIST and LSUB (RFC 3501 6.3.8, RFC 6154): the person's folders and the shared ones, with
 * {@code \HasChildren}/{@code \HasNoChildren}, special-use attributes, and parents that are only
 * levels of names as {@code \Noselect}. Takes the selection options {@code (SPECIAL-USE)} and
 * {@code (SUBSCRIBED)} and ignores return options it does not know.
 */
final class FolderList {

	private final ImapSession session;

	FolderList(ImapSession session) {
		this.session = session;
	}

	private record Line(String name, List<String> attributes, boolean selectable, boolean subscribed, boolean specialUse) {
	}

	void run(boolean lsub) throws IOException {
		ImapReader in = session.in();
		in.space();
		boolean onlySpecialUse = false;
		boolean onlySubscribed = lsub;
		if (in.peek() == '(') {
			for (String option : in.flags()) {
				onlySpecialUse |= option.equalsIgnoreCase("SPECIAL-USE");
				onlySubscribed |= option.equalsIgnoreCase("SUBSCRIBED");
			}
			in.space();
		}
		String reference = ModifiedUtf7.decode(in.astring());
		in.space();
		List<String> patterns = new ArrayList<>();
		if (in.peek() == '(') {
			in.read();
			while (in.peek() != ')') {
				if (in.peek() == ' ') {
					in.read();
					continue;
				}
				patterns.add(ModifiedUtf7.decode(in.listMailbox()));
			}
			in.read();
		} else {
			patterns.add(ModifiedUtf7.decode(in.listMailbox()));
		}
		if (in.more()) {
			// RETURN (...): special-use attributes and children are always given
			in.atom();
			in.space();
			in.flags();
		}
		in.end();
		String word = lsub ? "LSUB" : "LIST";
		if (patterns.size() == 1 && patterns.get(0).isEmpty()) {
			session.out().line("* " + word + " (\\Noselect) \"/\" \"\"");
			return;
		}
		Map<String, Line> lines = lines();
		for (Line line : lines.values()) {
			if ((onlySubscribed && !line.subscribed()) || (onlySpecialUse && !line.specialUse())) {
				continue;
			}
			if (patterns.stream().anyMatch(p -> matches(reference + p, line.name()))) {
				List<String> attributes = new ArrayList<>(line.attributes());
				if (onlySubscribed && !lsub) {
					attributes.add("\\Subscribed");
				}
				session.out().raw("* " + word + " (" + String.join(" ", attributes) + ") \"/\" ").nstring(ModifiedUtf7.encode(line.name()))
					.raw("\r\n");
			}
		}
	}

	private Map<String, Line> lines() {
		List<ImapFolders.Entry> entries = session.folders.all();
		Map<String, Line> lines = new LinkedHashMap<>();
		List<String> names = entries.stream().map(ImapFolders.Entry::imapName).toList();
		for (ImapFolders.Entry entry : entries) {
			String name = entry.imapName();
			for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
				String parent = name.substring(0, slash);
				if (!names.contains(parent) && !lines.containsKey(parent)) {
					lines.put(parent, new Line(parent, List.of("\\Noselect", "\\HasChildren"), false, entry.folder().subscribed(), false));
				}
			}
			List<String> attributes = new ArrayList<>();
			attributes.add(hasChildren(names, name) ? "\\HasChildren" : "\\HasNoChildren");
			String special = entry.folder().specialUse() == null ? null : entry.folder().specialUse().attribute();
			if (special != null) {
				attributes.add(special);
			}
			lines.put(name, new Line(name, attributes, true, entry.folder().subscribed(), special != null));
		}
		return lines;
	}

	private static boolean hasChildren(List<String> names, String name) {
		String prefix = name + "/";
		return names.stream().anyMatch(n -> n.startsWith(prefix));
	}

	/** {@code *} matches anything, {@code %} anything but the delimiter; INBOX in any case. */
	static boolean matches(String pattern, String name) {
		StringBuilder regex = new StringBuilder();
		for (char c : pattern.toCharArray()) {
			switch (c) {
				case '*' -> regex.append(".*");
				case '%' -> regex.append("[^/]*");
				default -> regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		Pattern compiled = Pattern.compile(regex.toString(), Pattern.DOTALL);
		if (name.equals("INBOX")) {
			return compiled.matcher(name).matches() || Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
				.matcher(name).matches() && pattern.toUpperCase(Locale.ROOT).startsWith("INBOX");
		}
		return compiled.matcher(name).matches();
	}
}
