package de.schulhaus.mail.imap;

import java.io.IOException;

/**
 * Unsolicited answers for what others changed in the selected folder (RFC 3501 7): EXPUNGE first, so
 * the message numbers of what follows are right, then FETCH FLAGS of known messages, then EXISTS.
 * The session's own changes are known already (their modseq is noted) and not told twice.
 */
final class ChangeReport {

	private ChangeReport() {
	}

	static void write(SelectedFolder current, ImapMessages.Changes changes, boolean condstore, ImapWriter out) throws IOException {
		for (long uid : changes.expunged()) {
			int sequence = current.expunge(uid);
			if (sequence > 0) {
				out.line("* " + sequence + " EXPUNGE");
			}
		}
		int before = current.exists();
		for (ImapMessages.State state : changes.changed()) {
			if (state.uid() > current.largestUid()) {
				current.add(state.uid(), state.modseq());
				continue;
			}
			int sequence = current.sequenceOf(state.uid());
			Long known = current.modseqOf(state.uid());
			if (sequence > 0 && known != null && known != state.modseq()) {
				current.noteModseq(state.uid(), state.modseq());
				out.line("* " + sequence + " FETCH (UID " + state.uid() + " FLAGS (" + String.join(" ", state.flags().names()) + ")"
						+ (condstore ? " MODSEQ (" + state.modseq() + ")" : "") + ")");
			}
		}
		if (current.exists() != before) {
			out.line("* " + current.exists() + " EXISTS");
		}
		current.knownModseq(changes.highestModseq());
	}
}
