package de.schulhaus.mail.imap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.schulhaus.mail.internal.Flags;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.StoredMessage;

/**
 * Commands on the selected folder (RFC 3501 6.4, UIDPLUS, MOVE, CONDSTORE). Messages are read in
 * batches of {@value #BATCH}, one query each.
 */
final class MessageCommands {

	static final int BATCH = 500;
	private static final Set<String> NAMES = Set.of("FETCH", "STORE", "SEARCH", "COPY", "MOVE", "EXPUNGE", "CLOSE", "UNSELECT", "CHECK", "UID");

	private final ImapSession session;

	MessageCommands(ImapSession session) {
		this.session = session;
	}

	boolean handles(String command) {
		return NAMES.contains(command);
	}

	/** Runs the command; answers whether changes of others may follow (not after FETCH, STORE, SEARCH: RFC 3501 7.4.1). */
	boolean run(String tag, String command) throws IOException {
		ImapReader in = session.in();
		if (!session.folders.stillUsable(session.selected.folder())) {
			session.unselect();
			throw new NoException("NOPERM", "you are no longer a member of this mailbox");
		}
		boolean byUid = false;
		String name = command;
		if (command.equals("UID")) {
			in.space();
			name = in.atom().toUpperCase(Locale.ROOT);
			byUid = true;
		}
		switch (name) {
			case "FETCH" -> fetch(tag, byUid);
			case "STORE" -> store(tag, byUid);
			case "SEARCH" -> search(tag, byUid);
			case "COPY", "MOVE" -> transfer(tag, byUid, name.equals("MOVE"));
			case "EXPUNGE" -> expunge(tag, byUid);
			case "CLOSE", "UNSELECT", "CHECK" -> {
				if (byUid) {
					throw new BadCommandException("UID " + name + " is not a command");
				}
				in.end();
				if (name.equals("CLOSE") && !session.selected.readOnly()) {
					session.services.store().expunge(session.selected.folder(), null);
				}
				if (name.equals("CHECK")) {
					session.reportChanges();
				} else {
					session.unselect();
				}
				session.ok(tag, name + " completed");
				return false;
			}
			default -> throw new BadCommandException("unknown command UID " + name);
		}
		return byUid || name.equals("COPY") || name.equals("MOVE") || name.equals("EXPUNGE");
	}

	private void fetch(String tag, boolean byUid) throws IOException {
		ImapReader in = session.in();
		in.space();
		SequenceSet set = SequenceSet.parse(in.listMailbox());
		in.space();
		List<String> words = new ArrayList<>();
		if (in.peek() == '(') {
			in.read();
			while (in.peek() != ')') {
				if (in.peek() == ' ') {
					in.read();
					continue;
				}
				words.add(in.fetchAttribute());
			}
			in.read();
		} else {
			words.add(in.fetchAttribute());
		}
		Long changedSince = null;
		if (in.more()) {
			List<String> modifiers = in.flags();
			if (modifiers.size() != 2 || !modifiers.get(0).equalsIgnoreCase("CHANGEDSINCE")) {
				throw new BadCommandException("the only FETCH modifier is (CHANGEDSINCE modseq)");
			}
			changedSince = number(modifiers.get(1));
			session.condstore = true;
		}
		in.end();
		List<FetchItem> items = FetchItem.parse(words);
		SelectedFolder selected = session.selected;
		boolean marks = !selected.readOnly() && items.stream().anyMatch(FetchItem::marksSeen);
		// once CONDSTORE is on, FETCH answers carry MODSEQ (RFC 7162 3.1.4.1)
		boolean withModseq = changedSince != null || session.condstore;
		FetchResponder responder = new FetchResponder(session.services.store(), session.services.structures(), session.out());
		List<Long> uids = selected.uids(set, byUid);
		for (int i = 0; i < uids.size(); i += BATCH) {
			List<Long> batch = uids.subList(i, Math.min(uids.size(), i + BATCH));
			List<StoredMessage> messages = session.services.store().byUids(selected.folder(), batch);
			boolean flagsChanged = false;
			if (marks) {
				List<Long> unseen = messages.stream().filter(m -> !m.flags().seen()).map(StoredMessage::uid).toList();
				if (!unseen.isEmpty()) {
					noteChanges(session.services.store().storeFlags(selected.folder(), unseen, MessageStore.FlagMode.ADD,
							Flags.of(List.of("\\Seen")), null));
					messages = session.services.store().byUids(selected.folder(), batch);
					flagsChanged = true;
				}
			}
			for (StoredMessage message : messages) {
				if (changedSince != null && message.modseq() <= changedSince) {
					continue;
				}
				int sequence = selected.sequenceOf(message.uid());
				if (sequence > 0) {
					responder.write(sequence, message, items, byUid, withModseq, flagsChanged);
				}
			}
		}
		session.ok(tag, (byUid ? "UID " : "") + "FETCH completed");
	}

	private void noteChanges(MessageStore.FlagResult result) {
		for (MessageStore.FlagChange change : result.changed()) {
			session.selected.noteModseq(change.uid(), change.modseq());
		}
	}

	private void store(String tag, boolean byUid) throws IOException {
		ImapReader in = session.in();
		in.space();
		SequenceSet set = SequenceSet.parse(in.listMailbox());
		in.space();
		Long unchangedSince = null;
		if (in.peek() == '(') {
			List<String> modifiers = in.flags();
			if (modifiers.size() != 2 || !modifiers.get(0).equalsIgnoreCase("UNCHANGEDSINCE")) {
				throw new BadCommandException("the only STORE modifier is (UNCHANGEDSINCE modseq)");
			}
			unchangedSince = number(modifiers.get(1));
			session.condstore = true;
			in.space();
		}
		String operation = in.atom().toUpperCase(Locale.ROOT);
		in.space();
		List<String> flagNames = in.flags();
		in.end();
		boolean silent = operation.endsWith(".SILENT");
		MessageStore.FlagMode mode = switch (silent ? operation.substring(0, operation.length() - 7) : operation) {
			case "+FLAGS" -> MessageStore.FlagMode.ADD;
			case "-FLAGS" -> MessageStore.FlagMode.REMOVE;
			case "FLAGS" -> MessageStore.FlagMode.REPLACE;
			default -> throw new BadCommandException("STORE takes FLAGS, +FLAGS or -FLAGS (optionally .SILENT)");
		};
		SelectedFolder selected = session.selected;
		if (selected.readOnly()) {
			throw new NoException("READ-ONLY", "the folder was opened with EXAMINE");
		}
		Flags flags = Flags.of(flagNames);
		List<Long> uids = selected.uids(set, byUid);
		MessageStore.FlagResult result = session.services.store().storeFlags(selected.folder(), uids, mode, flags, unchangedSince);
		noteChanges(result);
		if (!silent || unchangedSince != null) {
			List<Long> report = silent ? result.changed().stream().map(MessageStore.FlagChange::uid).toList() : uids;
			for (int i = 0; i < report.size(); i += BATCH) {
				for (StoredMessage message : session.services.store().byUids(selected.folder(), report.subList(i, Math.min(report.size(), i + BATCH)))) {
					int sequence = selected.sequenceOf(message.uid());
					if (sequence > 0 && !result.failed().contains(message.uid())) {
						session.out().line("* " + sequence + " FETCH (" + (byUid ? "UID " + message.uid() + " " : "") + "FLAGS ("
								+ String.join(" ", message.flags().names()) + ")"
								+ (session.condstore ? " MODSEQ (" + message.modseq() + ")" : "") + ")");
					}
				}
			}
		}
		if (!result.failed().isEmpty()) {
			List<Long> failed = byUid ? result.failed() : result.failed().stream().map(uid -> (long) selected.sequenceOf(uid)).sorted().toList();
			session.ok(tag, "[MODIFIED " + SequenceSet.format(failed) + "] conditional STORE failed for some messages");
			return;
		}
		session.ok(tag, (byUid ? "UID " : "") + "STORE completed");
	}

	private void search(String tag, boolean byUid) throws IOException {
		ImapReader in = session.in();
		in.space();
		SelectedFolder selected = session.selected;
		SearchParser parser = new SearchParser(in, selected);
		SearchCondition condition = parser.parseAll();
		in.end();
		StringBuilder answer = new StringBuilder("* SEARCH");
		long highest = 0;
		for (long[] row : session.services.messages().search(selected.folder(), condition)) {
			int sequence = selected.sequenceOf(row[0]);
			if (sequence > 0) {
				answer.append(' ').append(byUid ? row[0] : sequence);
				highest = Math.max(highest, row[1]);
			}
		}
		if (parser.modseqUsed() && highest > 0) {
			answer.append(" (MODSEQ ").append(highest).append(')');
		}
		session.out().line(answer.toString());
		session.ok(tag, (byUid ? "UID " : "") + "SEARCH completed");
	}

	private void transfer(String tag, boolean byUid, boolean move) throws IOException {
		ImapReader in = session.in();
		in.space();
		SequenceSet set = SequenceSet.parse(in.listMailbox());
		in.space();
		String name = MailboxCommands.name(in.astring());
		in.end();
		SelectedFolder selected = session.selected;
		if (move && selected.readOnly()) {
			throw new NoException("READ-ONLY", "the folder was opened with EXAMINE");
		}
		ImapFolders.Entry target = session.folders.find(name).orElseThrow(() -> new NoException("TRYCREATE", "no folder " + name));
		List<Long> uids = selected.uids(set, byUid);
		String verb = (byUid ? "UID " : "") + (move ? "MOVE" : "COPY");
		if (uids.isEmpty()) {
			session.ok(tag, verb + " completed (nothing to do)");
			return;
		}
		MessageStore.Transfer transfer = move ? session.services.store().move(selected.folder(), uids, target.folder())
				: session.services.store().copy(selected.folder(), uids, target.folder());
		String copyUid = transfer.sourceUids().isEmpty() ? ""
				: "[COPYUID " + transfer.uidValidity() + " " + SequenceSet.format(transfer.sourceUids()) + " "
						+ SequenceSet.format(transfer.targetUids()) + "] ";
		if (!move) {
			session.ok(tag, copyUid + verb + " completed");
			return;
		}
		if (!copyUid.isEmpty()) {
			session.out().line("* OK " + copyUid + "moved");
		}
		for (long uid : transfer.sourceUids()) {
			int sequence = selected.expunge(uid);
			if (sequence > 0) {
				session.out().line("* " + sequence + " EXPUNGE");
			}
		}
		session.ok(tag, verb + " completed");
	}

	private void expunge(String tag, boolean byUid) throws IOException {
		ImapReader in = session.in();
		List<Long> uids = null;
		if (byUid) {
			in.space();
			uids = session.selected.uids(SequenceSet.parse(in.listMailbox()), true);
		}
		in.end();
		SelectedFolder selected = session.selected;
		if (selected.readOnly()) {
			throw new NoException("READ-ONLY", "the folder was opened with EXAMINE");
		}
		List<Long> removed = uids != null && uids.isEmpty() ? List.of() : session.services.store().expunge(selected.folder(), uids);
		for (long uid : removed) {
			int sequence = selected.expunge(uid);
			if (sequence > 0) {
				session.out().line("* " + sequence + " EXPUNGE");
			}
		}
		session.ok(tag, (byUid ? "UID " : "") + "EXPUNGE completed");
	}

	private static long number(String text) {
		if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
			throw new BadCommandException("expected a number, got " + text);
		}
		return Long.parseLong(text);
	}
}
