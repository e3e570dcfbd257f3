package de.schulhaus.chat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrainWorkersTests {

	private final DrainWorkers workers = new DrainWorkers(2, "test-drain");

	@AfterEach
	void stop() {
		workers.shutdownNow();
	}

	@Test
	void tasksBehindTasksStuckOnEveryThreadStillRunPromptly() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch stuck = new CountDownLatch(2);
		for (int i = 0; i < 2; i++) {
			workers.execute(() -> {
				stuck.countDown();
				await(release);
			});
		}
		assertThat(stuck.await(5, TimeUnit.SECONDS)).isTrue();

		CountDownLatch done = new CountDownLatch(100);
		long start = System.nanoTime();
		for (int i = 0; i < 100; i++) {
			workers.execute(done::countDown);
		}
		assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
		long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		release.countDown();

		// both steady threads hang (as on clients that do not read); the watch lets others take the work
		assertThat(tookMillis).isLessThan(1_000);
	}

	@Test
	void theExtraThreadsGoOnceTheStuckTasksEnd() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		for (int i = 0; i < 3; i++) {
			workers.execute(() -> await(release));
		}
		CountDownLatch third = new CountDownLatch(1);
		workers.execute(third::countDown);
		assertThat(third.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(workers.getPoolSize()).isGreaterThan(2);

		release.countDown();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (workers.getPoolSize() > 2 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(workers.getPoolSize()).isEqualTo(2);
		assertThat(workers.getMaximumPoolSize()).isEqualTo(2);
	}

	@Test
	void aQuickBurstRunsOnTheSteadyThreadsAlone() throws InterruptedException {
		CountDownLatch done = new CountDownLatch(10_000);
		for (int i = 0; i < 10_000; i++) {
			workers.execute(done::countDown);
		}
		assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(workers.getLargestPoolSize()).isEqualTo(2);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
