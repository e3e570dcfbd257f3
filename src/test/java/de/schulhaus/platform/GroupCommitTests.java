package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** {@link GroupCommit}: what waits at the same moment is written together, and what a batch cannot take comes back. */
class GroupCommitTests {

	@Test
	void writesThatWaitTogetherShareABatchAndEachGetsItsOwnAnswer() throws Exception {
		List<List<Integer>> batches = new CopyOnWriteArrayList<>();
		CountDownLatch firstBatchStarted = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		GroupCommit<Integer, String> commit = new GroupCommit<>("test-commit", 1, 8, batch -> {
			batches.add(batch);
			firstBatchStarted.countDown();
			await(release);
			return batch.stream().map(i -> "written " + i).toList();
		});
		ExecutorService callers = Executors.newFixedThreadPool(11);
		try {
			Future<String> first = callers.submit(() -> commit.write("key", 0));
			assertThat(firstBatchStarted.await(5, TimeUnit.SECONDS)).isTrue();
			// ten more while the first batch is being written: they wait together, at most eight go in one batch
			List<Future<String>> more = new ArrayList<>();
			for (int i = 1; i <= 10; i++) {
				int item = i;
				more.add(callers.submit(() -> commit.write("key", item)));
			}
			Thread.sleep(300);
			release.countDown();

			assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("written 0");
			for (int i = 1; i <= 10; i++) {
				assertThat(more.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo("written " + i);
			}
			assertThat(batches).hasSize(3);
			assertThat(batches.get(0)).containsExactly(0);
			assertThat(batches.get(1)).hasSize(8);
			assertThat(batches.get(2)).hasSize(2);
			assertThat(batches.stream().flatMap(List::stream)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
		} finally {
			callers.shutdownNow();
			commit.close();
		}
	}

	@Test
	void aFailedBatchAndTheItemsItAnswersWithNullGoBackToTheirCallers() throws Exception {
		GroupCommit<Integer, String> commit = new GroupCommit<>("test-commit", 2, 8, batch -> {
			if (batch.contains(13)) {
				throw new IllegalStateException("rolled back");
			}
			return batch.stream().map(i -> i % 2 == 0 ? "written " + i : null).toList();
		});
		try {
			assertThat(commit.write(1, 4)).isEqualTo("written 4");
			assertThat(commit.write(1, 5)).as("answered null: the caller writes it alone").isNull();
			assertThat(commit.write(2, 13)).as("its batch failed").isNull();
			assertThat(commit.write(2, 6)).as("the lane goes on after a failed batch").isEqualTo("written 6");
		} finally {
			commit.close();
		}
		assertThat(commit.write(1, 8)).as("once closed, everything is written alone").isNull();
	}

	@Test
	void aWriterThatAnswersTooFewLeavesNoCallerWaiting() throws Exception {
		GroupCommit<Integer, String> commit = new GroupCommit<>("test-commit", 1, 8, batch -> List.of());
		try {
			assertThat(commit.write("key", 1)).isNull();
			assertThat(commit.write("key", 2)).isNull();
		} finally {
			commit.close();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
