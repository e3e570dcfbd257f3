package de.schulhaus.files.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.blobs.BlobStore;
import de.schulhaus.blobs.StagedBlob;
import de.schulhaus.platform.GroupCommit;

/**
 * Group commit of new files ({@link GroupCommit}): the rows of new files whose content is staged at the same moment (a
 * sync client's eight parallel uploads, a folder dropped into the browser) go into the database together, in one
 * transaction with one round trip per kind of row, instead of a transaction with five round trips each. Small files are
 * then no longer bound by the database's round trips and commits.
 * <p>
 * A new file is handed to the lane of its space (so one space's files, which all count against the same usage row, are
 * committed one batch after the other, while other spaces' go on in parallel) and its caller waits for the batch. What
 * the batch cannot take as it is comes back to the caller, who then writes it alone as before: a name that was taken
 * (also by a file earlier in the same batch: the later one replaces it), a space without room or without its usage row
 * yet, and every file of a batch whose transaction failed. Nothing is committed twice and nothing is lost: a file is
 * either in a committed batch or handed back with its content still staged.
 */
@Component
class NewFileCommits implements DisposableBean {

	/** Lanes, each with its own committing thread: spaces' batches in parallel, one space's in order. */
	static final int LANES = 4;
	/** The most files one transaction takes. */
	static final int MAX_BATCH = 64;
	/** How long a batch waits at most for small files whose content is being staged right now. */
	static final long LINGER_NANOS = 2_000_000;

	private final FileNodes nodes;
	private final BlobStore blobs;
	private final FileActivity activity;
	private final TransactionTemplate tx;
	private final GroupCommit<Pending, Boolean> lanes;
	/** Small new files whose content is being staged now: a batch waits a moment for them. */
	private final AtomicInteger coming = new AtomicInteger();

	NewFileCommits(FileNodes nodes, BlobStore blobs, FileActivity activity, TransactionTemplate tx) {
		this.nodes = nodes;
		this.blobs = blobs;
		this.activity = activity;
		this.tx = tx;
		this.lanes = new GroupCommit<Pending, Boolean>("files-commit", LANES, MAX_BATCH, this::commitBatch)
			.lingering(LINGER_NANOS, () -> coming.get() > 0);
	}

	/** A new file waiting for its batch. */
	private record Pending(Space space, FileNode node, StagedBlob staged, long limit) {
	}

	/**
	 * A small new file whose content is staged now and then {@linkplain #commit committed}: until then (or until it is
	 * {@linkplain Arrival#close closed}, whichever comes first), batches wait a moment for it.
	 */
	Arrival announce() {
		coming.incrementAndGet();
		return new Arrival();
	}

	/** A file on its way to a batch; closing it (again) does no harm. */
	final class Arrival implements AutoCloseable {

		private final AtomicBoolean open = new AtomicBoolean(true);

		@Override
		public void close() {
			if (open.compareAndSet(true, false)) {
				coming.decrementAndGet();
			}
		}
	}

	/**
	 * Commits the new file's row, its content's attachment and its activity line together with others'. True when it is
	 * stored; false when the caller is to write it alone (its content still staged).
	 */
	boolean commit(Space space, FileNode node, StagedBlob staged, long limit, Arrival arrival) {
		if (arrival != null) {
			arrival.close();
		}
		return Boolean.TRUE.equals(lanes.write(space.id(), new Pending(space, node, staged, limit)));
	}

	/** The batch in one transaction; false (or null, for all of them, if it fails) hands a file back to its caller. */
	private List<Boolean> commitBatch(List<Pending> batch) {
		boolean[] stored = tx.execute(status -> store(batch));
		List<Boolean> outcomes = new ArrayList<>(batch.size());
		for (boolean one : stored) {
			outcomes.add(one ? Boolean.TRUE : null);
		}
		return outcomes;
	}

	/** In the batch's transaction: the rows, then the contents against their spaces, then the activity. */
	private boolean[] store(List<Pending> batch) {
		List<Space> spaces = batch.stream().map(Pending::space).toList();
		boolean[] inserted = nodes.insertAllIfAbsent(spaces, batch.stream().map(Pending::node).toList());
		List<Integer> in = new ArrayList<>();
		List<BlobStore.Attachment> attachments = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			if (inserted[i]) {
				in.add(i);
				Pending p = batch.get(i);
				attachments.add(new BlobStore.Attachment(p.staged(), p.space().quotaOwner(), p.limit()));
			}
		}
		boolean[] stored = new boolean[batch.size()];
		boolean[] attached = attachments.isEmpty() ? new boolean[0] : blobs.attachAll(attachments);
		Map<UUID, List<UUID>> notAttached = new HashMap<>();
		List<Space> done = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (int k = 0; k < attached.length; k++) {
			Pending p = batch.get(in.get(k));
			if (attached[k]) {
				stored[in.get(k)] = true;
				done.add(p.space());
				names.add(p.node().name());
			} else {
				notAttached.computeIfAbsent(p.space().schoolId(), s -> new ArrayList<>()).add(p.node().id());
			}
		}
		// no room or no usage row yet: the row goes again, and the file alone (which makes the usage row, or answers 507)
		notAttached.forEach(nodes::removeInserted);
		activity.recordAll(done, FileActivity.Action.UPLOADED, names);
		return stored;
	}

	@Override
	public void destroy() {
		lanes.close();
	}
}
