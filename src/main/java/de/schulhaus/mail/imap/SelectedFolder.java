package de.schulhaus.mail.imap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import de.schulhaus.mail.internal.MailFolder;

/**
 * The selected folder as this session knows it: message numbers are positions in its UID list, which
 * changes only when the session is told (EXISTS, EXPUNGE), whatever others do meanwhile.
 */
final class SelectedFolder {

	private final MailFolder folder;
	private final boolean readOnly;
	private final ArrayList<Long> uids = new ArrayList<>();
	private final Map<Long, Long> modseqs = new HashMap<>();
	private long knownModseq;

	SelectedFolder(MailFolder folder, boolean readOnly, List<long[]> index, long knownModseq) {
		this.folder = folder;
		this.readOnly = readOnly;
		for (long[] row : index) {
			uids.add(row[0]);
			modseqs.put(row[0], row[1]);
		}
		this.knownModseq = knownModseq;
	}

	MailFolder folder() {
		return folder;
	}

	boolean readOnly() {
		return readOnly;
	}

	int exists() {
		return uids.size();
	}

	long uidAt(int sequence) {
		return uids.get(sequence - 1);
	}

	/** The message number of a UID, or 0 when the session does not know it. */
	int sequenceOf(long uid) {
		int index = Collections.binarySearch(uids, uid);
		return index < 0 ? 0 : index + 1;
	}

	long largestUid() {
		return uids.isEmpty() ? 0 : uids.get(uids.size() - 1);
	}

	long knownModseq() {
		return knownModseq;
	}

	void knownModseq(long value) {
		knownModseq = Math.max(knownModseq, value);
	}

	Long modseqOf(long uid) {
		return modseqs.get(uid);
	}

	void noteModseq(long uid, long modseq) {
		if (modseqs.containsKey(uid)) {
			modseqs.put(uid, modseq);
		}
	}

	/** Adds a new UID (always larger than the known ones); answers its message number. */
	int add(long uid, long modseq) {
		uids.add(uid);
		modseqs.put(uid, modseq);
		return uids.size();
	}

	/** Forgets an expunged UID; answers the message number it had, or 0. */
	int expunge(long uid) {
		int sequence = sequenceOf(uid);
		if (sequence > 0) {
			uids.remove(sequence - 1);
			modseqs.remove(uid);
		}
		return sequence;
	}

	/** The known UIDs a set of message numbers or UIDs names, in order. */
	List<Long> uids(SequenceSet set, boolean byUid) {
		TreeSet<Long> found = new TreeSet<>();
		if (uids.isEmpty()) {
			return List.of();
		}
		for (SequenceSet.Range range : set.resolved(byUid ? largestUid() : exists())) {
			if (byUid) {
				int from = insertionPoint(range.from());
				for (int i = from; i < uids.size() && uids.get(i) <= range.to(); i++) {
					found.add(uids.get(i));
				}
			} else {
				if (range.from() > exists()) {
					throw new BadCommandException("no message with number " + range.from() + " (there are " + exists() + ")");
				}
				for (long n = range.from(); n <= Math.min(range.to(), exists()); n++) {
					found.add(uids.get((int) n - 1));
				}
			}
		}
		return new ArrayList<>(found);
	}

	/** Message-number ranges as UID ranges, for searches in SQL. */
	List<SequenceSet.Range> uidRanges(SequenceSet set) {
		List<SequenceSet.Range> ranges = new ArrayList<>();
		for (SequenceSet.Range range : set.resolved(exists())) {
			long from = Math.max(1, range.from());
			long to = Math.min(exists(), range.to());
			if (from <= to) {
				ranges.add(new SequenceSet.Range(uids.get((int) from - 1), uids.get((int) to - 1)));
			}
		}
		return ranges;
	}

	private int insertionPoint(long uid) {
		int index = Collections.binarySearch(uids, uid);
		return index < 0 ? -index - 1 : index;
	}
}
