package de.schulhaus.mail.imap;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.schulhaus.mail.internal.MailFolder;

/** Commands on folders (RFC 3501 6.3): select, create, rename, delete, subscribe, list, status, append. */
final class MailboxCommands {

	private static final Set<String> NAMES = Set.of("SELECT", "EXAMINE", "CREATE", "DELETE", "RENAME", "SUBSCRIBE", "UNSUBSCRIBE", "LIST",
			"LSUB", "NAMESPACE", "STATUS", "APPEND", "ENABLE");
	static final String PERMANENT_FLAGS = "\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*";

	private final ImapSession session;
	private final FolderList list;
	private final Append append;

	MailboxCommands(ImapSession session) {
		this.session = session;
		this.list = new FolderList(session);
		this.append = new Append(session);
	}

	boolean handles(String command) {
		return NAMES.contains(command);
	}

	void run(String tag, String command) throws IOException {
		ImapReader in = session.in();
		switch (command) {
			case "SELECT", "EXAMINE" -> select(tag, command.equals("EXAMINE"));
			case "CREATE" -> {
				in.space();
				String name = name(in.astring());
				in.end();
				String clean = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
				ImapFolders.Target target = session.folders.target(clean)
					.orElseThrow(() -> new NoException("CANNOT", "folders can be made only inside mailboxes you use"));
				if (clean.equalsIgnoreCase("INBOX") || session.folders.find(clean).isPresent()) {
					throw new NoException("ALREADYEXISTS", "a folder of this name exists already");
				}
				session.services.folders().create(target.mailbox(), target.folderName());
				session.ok(tag, "CREATE completed");
			}
			case "DELETE" -> {
				in.space();
				ImapFolders.Entry entry = existing(in.astring());
				in.end();
				if (entry.folder().specialUse() != null) {
					throw new NoException("CANNOT", "standard folders cannot be deleted");
				}
				if (session.selected != null && session.selected.folder().id().equals(entry.folder().id())) {
					session.unselect();
				}
				session.services.folders().delete(entry.mailbox(), entry.folder());
				session.ok(tag, "DELETE completed");
			}
			case "RENAME" -> {
				in.space();
				ImapFolders.Entry entry = existing(in.astring());
				in.space();
				String newName = name(in.astring());
				in.end();
				ImapFolders.Target target = session.folders.target(newName)
					.filter(t -> t.mailbox().id().equals(entry.mailbox().id()))
					.orElseThrow(() -> new NoException("CANNOT", "a folder can be renamed only within its mailbox"));
				if (entry.folder().specialUse() != null) {
					throw new NoException("CANNOT", "standard folders cannot be renamed");
				}
				if (session.folders.find(newName).isPresent()) {
					throw new NoException("ALREADYEXISTS", "a folder of this name exists already");
				}
				session.services.folders().rename(entry.mailbox(), entry.folder(), target.folderName());
				session.ok(tag, "RENAME completed");
			}
			case "SUBSCRIBE", "UNSUBSCRIBE" -> {
				in.space();
				String name = name(in.astring());
				in.end();
				boolean on = command.equals("SUBSCRIBE");
				var entry = session.folders.find(name);
				if (entry.isEmpty() && on) {
					throw new NoException("NONEXISTENT", "no folder " + name);
				}
				entry.ifPresent(e -> session.services.folders().subscribe(e.folder(), on));
				session.ok(tag, command + " completed");
			}
			case "LIST", "LSUB" -> {
				list.run(command.equals("LSUB"));
				session.ok(tag, command + " completed");
			}
			case "NAMESPACE" -> {
				in.end();
				session.out().line("* NAMESPACE ((\"\" \"/\")) NIL ((\"" + ModifiedUtf7.encode(ImapFolders.SHARED + "/") + "\" \"/\"))");
				session.ok(tag, "NAMESPACE completed");
			}
			case "STATUS" -> status(tag);
			case "APPEND" -> append.run(tag);
			case "ENABLE" -> {
				StringBuilder enabled = new StringBuilder("* ENABLED");
				while (in.more()) {
					String capability = in.atom();
					if (capability.equalsIgnoreCase("CONDSTORE") && !session.condstore) {
						session.condstore = true;
						enabled.append(" CONDSTORE");
					}
				}
				in.end();
				session.out().line(enabled.toString());
				session.ok(tag, "ENABLE completed");
			}
			default -> throw new BadCommandException("unknown command " + command);
		}
	}

	private void select(String tag, boolean readOnly) throws IOException {
		ImapReader in = session.in();
		in.space();
		String name = name(in.astring());
		if (in.more()) {
			// (CONDSTORE) as a select parameter (RFC 7162 3.1.8)
			List<String> parameters = in.flags();
			if (parameters.stream().anyMatch(p -> p.equalsIgnoreCase("CONDSTORE"))) {
				session.condstore = true;
			}
		}
		in.end();
		session.unselect();
		ImapFolders.Entry entry = session.folders.find(name).orElseThrow(() -> new NoException("NONEXISTENT", "no folder " + name));
		MailFolder folder = entry.folder();
		SelectedFolder selected = new SelectedFolder(folder, readOnly, session.services.messages().index(folder), folder.highestModseq());
		session.select(selected);
		ImapWriter out = session.out();
		out.line("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
		out.line("* OK [PERMANENTFLAGS (" + (readOnly ? "" : PERMANENT_FLAGS) + ")] flags that stay");
		out.line("* " + selected.exists() + " EXISTS");
		out.line("* 0 RECENT");
		int firstUnseen = session.services.messages().firstUnseen(folder).map(selected::sequenceOf).orElse(0);
		if (firstUnseen > 0) {
			out.line("* OK [UNSEEN " + firstUnseen + "] first unseen");
		}
		out.line("* OK [UIDVALIDITY " + folder.uidValidity() + "] UIDs valid");
		out.line("* OK [UIDNEXT " + folder.uidNext() + "] predicted next UID");
		out.line("* OK [HIGHESTMODSEQ " + folder.highestModseq() + "] highest modseq");
		session.ok(tag, (readOnly ? "[READ-ONLY]" : "[READ-WRITE]") + " " + (readOnly ? "EXAMINE" : "SELECT") + " completed");
	}

	private void status(String tag) throws IOException {
		ImapReader in = session.in();
		in.space();
		String name = name(in.astring());
		in.space();
		List<String> items = in.flags();
		in.end();
		ImapFolders.Entry entry = session.folders.find(name).orElseThrow(() -> new NoException("NONEXISTENT", "no folder " + name));
		MailFolder folder = entry.folder();
		ImapMessages.Counts counts = null;
		StringBuilder answer = new StringBuilder();
		for (String item : items) {
			String upper = item.toUpperCase(Locale.ROOT);
			if ((upper.equals("MESSAGES") || upper.equals("UNSEEN")) && counts == null) {
				counts = session.services.messages().counts(folder);
			}
			String value = switch (upper) {
				case "MESSAGES" -> Long.toString(counts.messages());
				case "UNSEEN" -> Long.toString(counts.unseen());
				case "RECENT" -> "0";
				case "UIDNEXT" -> Long.toString(folder.uidNext());
				case "UIDVALIDITY" -> Long.toString(folder.uidValidity());
				case "HIGHESTMODSEQ" -> Long.toString(folder.highestModseq());
				default -> throw new BadCommandException("unknown STATUS item " + item);
			};
			answer.append(answer.isEmpty() ? "" : " ").append(upper).append(' ').append(value);
		}
		session.out().raw("* STATUS ").nstring(ModifiedUtf7.encode(entry.imapName())).line(" (" + answer + ")");
		session.ok(tag, "STATUS completed");
	}

	ImapFolders.Entry existing(String encodedName) {
		String name = name(encodedName);
		return session.folders.find(name).orElseThrow(() -> new NoException("NONEXISTENT", "no folder " + name));
	}

	static String name(String encoded) {
		String name = ModifiedUtf7.decode(encoded);
		return name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
	}
}
