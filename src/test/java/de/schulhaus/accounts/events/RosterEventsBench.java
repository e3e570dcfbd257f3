package de.schulhaus.accounts.events;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.accounts.MembershipsChanged;
import de.schulhaus.accounts.RosterImported;

/**
 * Not a test (the name does not end in Tests, so {@code ./mvnw verify} skips it): the figures for
 * {@code bench/roster-events.sh}. Imports 20,000 people into a new school while three listeners
 * that stand for files, calendar and chat follow the roster, and prints how long the import and the
 * delivery took, how many publications the registry wrote and how much heap the JVM used.
 */
@IntegrationTest
@Import(RosterEventsBench.ThreeModules.class)
class RosterEventsBench {

	static final int PEOPLE = Integer.getInteger("bench.people", 20_000);

	@TestConfiguration
	static class ThreeModules {

		static final AtomicInteger BATCHES = new AtomicInteger();
		static final AtomicLong CHANGES = new AtomicLong();
		static final AtomicInteger SUMMARIES = new AtomicInteger();

		@ApplicationModuleListener
		void files(AccountsChanged event) {
			BATCHES.incrementAndGet();
			CHANGES.addAndGet(event.changes().size());
		}

		@ApplicationModuleListener
		void calendar(MembershipsChanged event) {
			BATCHES.incrementAndGet();
			CHANGES.addAndGet(event.changes().size());
		}

		@ApplicationModuleListener
		void chat(RosterImported event) {
			SUMMARIES.incrementAndGet();
		}
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void importTwentyThousandPeople() throws Exception {
		var school = new TestSchools(mvc).createSchool("Bench-Ereignis-Schule");
		byte[] csv = RosterEventsTests.roster(PEOPLE, "B");
		resetPeaks();
		long t0 = System.nanoTime();
		mvc.perform(post("/api/v1/schools/" + school.id() + "/roster-imports?dryRun=false")
			.header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN).contentType("text/csv").content(csv))
			.andExpect(status().isOk());
		long imported = System.nanoTime();
		long deadline = imported + Duration.ofMinutes(5).toNanos();
		while (ThreeModules.SUMMARIES.get() < 1 || outstanding() > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("listeners did not finish within 5 minutes");
			}
			Thread.sleep(20);
		}
		long delivered = System.nanoTime();
		System.out.printf("roster_events.people=%d%n", PEOPLE);
		System.out.printf("roster_events.import_s=%.2f%n", (imported - t0) / 1e9);
		System.out.printf("roster_events.until_all_listeners_done_s=%.2f%n", (delivered - t0) / 1e9);
		System.out.printf("roster_events.batches_delivered=%d changes_delivered=%d summaries=%d%n", ThreeModules.BATCHES.get(),
				ThreeModules.CHANGES.get(), ThreeModules.SUMMARIES.get());
		System.out.printf("roster_events.heap_peak_mb=%d (max %d)%n", heapPeak() / (1024 * 1024),
				Runtime.getRuntime().maxMemory() / (1024 * 1024));
	}

	private long outstanding() {
		return jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single();
	}

	private static void resetPeaks() {
		System.gc();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	private static long heapPeak() {
		return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
			.mapToLong(p -> p.getPeakUsage().getUsed()).sum();
	}
}
