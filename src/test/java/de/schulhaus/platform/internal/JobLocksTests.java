package de.schulhaus.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import de.schulhaus.IntegrationTest;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Sweeps and purges run once per cluster: two schedulers on one database, one run. */
@IntegrationTest
class JobLocksTests {

	@Autowired
	DataSource dataSource;

	private DefaultLockingTaskExecutor node() {
		return new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build()));
	}

	@Test
	void twoNodesStartingTheSameJobAtOnceRunItOnce() throws Exception {
		var first = node();
		var second = node();
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch bothStarted = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		LockConfiguration lock = new LockConfiguration(Instant.now(), "test.sweep-" + System.nanoTime(), Duration.ofMinutes(1),
				Duration.ZERO);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		for (var node : List.of(first, second)) {
			threads.submit(() -> {
				bothStarted.countDown();
				node.executeWithLock((Runnable) () -> {
					runs.incrementAndGet();
					try {
						release.await(5, TimeUnit.SECONDS);
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
					}
				}, lock);
				return null;
			});
		}
		bothStarted.await(5, TimeUnit.SECONDS);
		Thread.sleep(500);
		release.countDown();
		threads.shutdown();
		assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(runs).as("the second node found the job running and skipped it").hasValue(1);
	}

	@Test
	void everyScheduledJobTakesTheClusterLock() throws Exception {
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
		List<String> unlocked = new ArrayList<>();
		int jobs = 0;
		for (var candidate : scanner.findCandidateComponents("de.schulhaus")) {
			for (Method method : Class.forName(candidate.getBeanClassName()).getDeclaredMethods()) {
				if (method.isAnnotationPresent(Scheduled.class)) {
					jobs++;
					if (!method.isAnnotationPresent(SchedulerLock.class)) {
						unlocked.add(method.toString());
					}
				}
			}
		}
		assertThat(jobs).isGreaterThanOrEqualTo(5);
		assertThat(unlocked).isEmpty();
	}
}
