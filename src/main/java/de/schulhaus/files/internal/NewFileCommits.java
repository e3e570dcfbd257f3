package de.schulhaus.files.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.blobs.BlobStore;
import de.schulhaus.blobs.StagedBlob;

/**
 * Group commit of new files: the rows of new files whose content is staged at the same moment (a sync client's eight
 * parallel uploads, a folder dropped into the browser) go into the database together, in one transaction with one
 * round trip per kind of row, instead of a transaction with five round trips each. Small files are then no longer bound
 * by the database's round trips and commits.
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

	private static final Logger log = LoggerFactory.getLogger(NewFileCommits.class);

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
	private final Lane[] lanes = new Lane[LANES];
	private volatile boolean closed;
	/** Small new files whose content is being staged now: a batch waits a moment for them. */
	private final java.util.concurrent.atomic.AtomicInteger coming = new java.util.concurrent.atomic.AtomicInteger();

	NewFileCommits(FileNodes nodes, BlobStore blobs, FileActivity activity, TransactionTemplate tx) {
		this.nodes = nodes;
		this.blobs = blobs;
		this.activity = activity;
		this.tx = tx;
	}

	/** A new file waiting for its batch. */
	private record Pending(Space space, FileNode node, StagedBlob staged, long limit, CompletableFuture<Boolean> stored) {
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

		private final java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);

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
		if (closed) {
			return false;
		}
		Pending pending = new Pending(space, node, staged, limit, new CompletableFuture<>());
		Lane lane = lane(space.id());
		lane.queue.add(pending);
		if (closed && lane.queue.remove(pending)) {
			// shutting down: the lane may have stopped before it took this one
			return false;
		}
		try {
			return pending.stored().get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			// the batch may still commit it: wait for its answer, whatever the interrupt wanted
			return pending.stored().join();
		} catch (java.util.concurrent.ExecutionException e) {
			return false;
		}
	}

	private Lane lane(UUID key) {
		int index = Math.floorMod(key.hashCode(), LANES);
		Lane lane = lanes[index];
		if (lane == null) {
			synchronized (lanes) {
				if (lanes[index] == null) {
					lanes[index] = new Lane(index);
				}
				lane = lanes[index];
			}
		}
		return lane;
	}

	/** One lane: a queue and the thread that commits what it holds, batch after batch. */
	private final class Lane implements Runnable {

		final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
		final Thread thread;

		Lane(int index) {
			thread = new Thread(this, "files-commit-" + index);
			thread.setDaemon(true);
			thread.start();
		}

		@Override
		public void run() {
			List<Pending> batch = new ArrayList<>(MAX_BATCH);
			while (true) {
				try {
					Pending first = queue.poll(1, TimeUnit.SECONDS);
					if (first == null) {
						if (closed) {
							return;
						}
						continue;
					}
					batch.add(first);
					queue.drainTo(batch, MAX_BATCH - 1);
					// others' small files are on their way (their content being written): one transaction for them too
					long until = System.nanoTime() + LINGER_NANOS;
					while (batch.size() < MAX_BATCH && coming.get() > 0) {
						long left = until - System.nanoTime();
						Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
						if (next == null) {
							break;
						}
						batch.add(next);
						queue.drainTo(batch, MAX_BATCH - batch.size());
					}
					commitBatch(batch);
				} catch (InterruptedException e) {
					if (closed) {
						handBack(batch);
						handBack(queue);
						return;
					}
				} catch (Throwable t) {
					// never leaves a caller waiting
					handBack(batch);
				} finally {
					batch.clear();
				}
			}
		}
	}

	private void commitBatch(List<Pending> batch) {
		boolean[] stored;
		try {
			stored = tx.execute(status -> store(batch));
		} catch (RuntimeException e) {
			// each goes alone now; the one at fault then gets its own error
			log.debug("A batch of {} new files failed as a whole; each is written alone.", batch.size(), e);
			handBack(batch);
			return;
		}
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).stored().complete(stored[i]);
		}
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
		java.util.Map<UUID, List<UUID>> notAttached = new java.util.HashMap<>();
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

	private static void handBack(java.util.Collection<Pending> pending) {
		for (Pending p : pending) {
			p.stored().complete(false);
		}
	}

	@Override
	public void destroy() {
		closed = true;
		for (Lane lane : lanes) {
			if (lane != null) {
				lane.thread.interrupt();
			}
		}
	}
}
