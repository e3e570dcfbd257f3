package de.schulhaus.chat.ws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run the connections' drains: a few that take their work from one queue, plus one more for each of
 * them stuck in a task.
 * <p>
 * A message to a room of 30 is 30 drains. A pool that hands each task to a thread of its own (a cached pool) wakes a
 * parked thread for nearly every one of them: under the chat bench, the thread switches and the futex calls took about
 * half of the server's CPU. Threads that share a queue stay awake through such a burst and take the tasks one after the
 * other.
 * <p>
 * A drain may block, though: a send to a client that does not read waits until the send time limit, and a catch-up
 * reads the database. So that no one waits behind such a drain, a watch looks every {@link #WATCH_MILLIS}: for each
 * thread that has been in one task for more than {@link #STUCK_MILLIS}, the pool may run one thread more. When the
 * task ends, the thread beyond the allowance goes.
 */
final class DrainWorkers extends ThreadPoolExecutor {

	static final long STUCK_MILLIS = 50;
	static final long WATCH_MILLIS = 25;
	private static final long STUCK_NANOS = TimeUnit.MILLISECONDS.toNanos(STUCK_MILLIS);

	private final int steady;
	private final Map<Thread, Long> runningSince = new ConcurrentHashMap<>();
	private final ScheduledExecutorService watch;

	DrainWorkers(int steady, String name) {
		super(steady, steady, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemons(name));
		this.steady = steady;
		this.watch = Executors.newSingleThreadScheduledExecutor(daemons(name + "-watch"));
		watch.scheduleWithFixedDelay(this::allowForStuck, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
	}

	@Override
	protected void beforeExecute(Thread thread, Runnable task) {
		runningSince.put(thread, System.nanoTime());
	}

	@Override
	protected void afterExecute(Runnable task, Throwable failure) {
		runningSince.remove(Thread.currentThread());
	}

	/** Threads stuck in a task do not count: one more for each of them; fewer again when they are done. */
	void allowForStuck() {
		long now = System.nanoTime();
		long stuck = runningSince.values().stream().filter(since -> now - since > STUCK_NANOS).count();
		int wanted = steady + (int) stuck;
		if (wanted > getMaximumPoolSize()) {
			setMaximumPoolSize(wanted);
			// starts a thread at once if tasks wait
			setCorePoolSize(wanted);
		} else if (wanted < getCorePoolSize()) {
			setCorePoolSize(wanted);
			// a thread beyond it ends after its task
			setMaximumPoolSize(wanted);
		}
	}

	@Override
	public void shutdown() {
		watch.shutdownNow();
		super.shutdown();
	}

	@Override
	public java.util.List<Runnable> shutdownNow() {
		watch.shutdownNow();
		return super.shutdownNow();
	}

	/** Daemon threads named {@code name-1}, {@code name-2}, ... (also the hub's posting threads'). */
	static java.util.concurrent.ThreadFactory daemons(String name) {
		AtomicInteger threads = new AtomicInteger();
		return task -> {
			Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}
}
