package de.schulhaus.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writes that wait at the same moment go to the database together, in one transaction, instead of a
 * transaction (and a commit, with its flush of the database's log) each. A write is handed to the lane of its key and its
 * caller waits; the lane's thread takes everything that has queued (at most {@code most}), so a write that finds nothing
 * waiting goes at once and the more wait, the more share a commit. Each lane writes one batch after the other, so writes
 * of one key keep their order; lanes run in parallel.
 * <p>
 * What a batch cannot take comes back to its caller, which then writes it alone: the items the batch's writer answers
 * with null, and every item of a batch whose writer failed (its transaction rolled back). Nothing is written twice and
 * nothing lost, as long as the writer writes all of a batch or none of it.
 *
 * @param <T> what is written
 * @param <R> the answer for one item; null from {@link #write}: the caller writes it alone
 */
public final class GroupCommit<T, R> implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private final String name;
	private final int most;
	private final Function<List<T>, List<R>> writer;
	private final AtomicReferenceArray<Lane> lanes;
	private long lingerNanos;
	private BooleanSupplier moreComing = () -> false;
	private volatile boolean closed;

	/**
	 * @param name the lanes' threads' name
	 * @param lanes how many batches may be written at once
	 * @param most the most items of one batch
	 * @param writer writes a batch in one transaction, all of it or nothing (else it throws); answers each item's outcome
	 *        in the batch's order, null for one to be written alone
	 */
	public GroupCommit(String name, int lanes, int most, Function<List<T>, List<R>> writer) {
		this.name = name;
		this.most = most;
		this.writer = writer;
		this.lanes = new AtomicReferenceArray<>(lanes);
	}

	/** While {@code moreComing} says so, a batch waits up to {@code nanos} for more items before it is written. */
	public GroupCommit<T, R> lingering(long nanos, BooleanSupplier moreComing) {
		this.lingerNanos = nanos;
		this.moreComing = moreComing;
		return this;
	}

	/**
	 * Writes the item with the others that wait in its key's lane; answers its outcome, or null when the caller is to
	 * write it alone (also once this is closed).
	 */
	public R write(Object key, T item) {
		if (closed) {
			return null;
		}
		Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
		Lane lane = lane(key);
		lane.queue.add(pending);
		if (closed && lane.queue.remove(pending)) {
			// closing: the lane may have stopped before it took this one
			return null;
		}
		try {
			return pending.outcome().get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			// the batch may still commit it: wait for its answer, whatever the interrupt wanted
			return pending.outcome().join();
		} catch (ExecutionException e) {
			return null;
		}
	}

	private record Pending<T, R>(T item, CompletableFuture<R> outcome) {
	}

	private Lane lane(Object key) {
		int index = Math.floorMod(key.hashCode(), lanes.length());
		Lane lane = lanes.get(index);
		if (lane == null) {
			synchronized (lanes) {
				lane = lanes.get(index);
				if (lane == null) {
					lane = new Lane(name + "-" + index);
					lanes.set(index, lane);
				}
			}
		}
		return lane;
	}

	/** One lane: a queue and the thread that writes what it holds, batch after batch. */
	private final class Lane implements Runnable {

		final LinkedBlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
		final Thread thread;

		Lane(String threadName) {
			thread = new Thread(this, threadName);
			thread.setDaemon(true);
			thread.start();
		}

		@Override
		public void run() {
			List<Pending<T, R>> batch = new ArrayList<>(most);
			while (true) {
				try {
					Pending<T, R> first = queue.poll(1, TimeUnit.SECONDS);
					if (first == null) {
						if (closed) {
							return;
						}
						continue;
					}
					batch.add(first);
					queue.drainTo(batch, most - 1);
					long until = System.nanoTime() + lingerNanos;
					while (batch.size() < most && lingerNanos > 0 && moreComing.getAsBoolean()) {
						long left = until - System.nanoTime();
						Pending<T, R> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
						if (next == null) {
							break;
						}
						batch.add(next);
						queue.drainTo(batch, most - batch.size());
					}
					writeBatch(batch);
				} catch (InterruptedException e) {
					if (closed) {
						handBack(batch);
						handBack(queue);
						return;
					}
				} catch (Throwable t) {
					// never leaves a caller waiting, and the lane goes on
					log.error("A batch of {} failed unexpectedly; each is written alone.", name, t);
					handBack(batch);
				} finally {
					batch.clear();
				}
			}
		}
	}

	private void writeBatch(List<Pending<T, R>> batch) {
		List<R> outcomes;
		try {
			outcomes = writer.apply(batch.stream().map(Pending::item).toList());
		} catch (RuntimeException e) {
			// each goes alone now; the one at fault then gets its own error
			log.debug("A batch of {} items of {} failed as a whole; each is written alone.", batch.size(), name, e);
			handBack(batch);
			return;
		}
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).outcome().complete(outcomes.get(i));
		}
	}

	private static <T, R> void handBack(Collection<Pending<T, R>> pending) {
		for (Pending<T, R> p : pending) {
			p.outcome().complete(null);
		}
	}

	@Override
	public void close() {
		closed = true;
		for (int i = 0; i < lanes.length(); i++) {
			Lane lane = lanes.get(i);
			if (lane != null) {
				lane.thread.interrupt();
			}
		}
	}
}
