package de.schulhaus.accounts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.web.servlet.MockMvc;

import com.zaxxer.hikari.HikariDataSource;

import de.schulhaus.IntegrationTest;
import de.schulhaus.SchulhausApplication;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.GroupsChanged;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/**
 * An event published in a committed transaction reaches its listener even if the listener's node
 * dies before it ran: the publication waits in the database, and another node delivers it when it
 * starts (or its periodic job runs). Two nodes here: this test's application and a second one
 * started on the same database.
 */
@IntegrationTest
@Import(DurableEventsTests.GroupCalendarListener.class)
class DurableEventsTests {

	/** Stands for a module that follows the roster (the calendar creating a group's calendar). */
	@TestConfiguration
	static class GroupCalendarListener {

		static final AtomicInteger CRASHES_TO_COME = new AtomicInteger();
		static final List<UUID> GROUPS_SEEN = new CopyOnWriteArrayList<>();

		@ApplicationModuleListener
		void on(GroupsChanged event) {
			if (CRASHES_TO_COME.getAndDecrement() > 0) {
				throw new IllegalStateException("the node went down while the listener ran");
			}
			event.changes().forEach(c -> GROUPS_SEEN.add(c.groupId()));
		}
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	GroupManagement groups;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void anEventWhoseListenerFailedIsDeliveredByTheNextNodeThatStarts() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Dauer-Ereignis-Schule");
		var admin = t.createUser(school, "Doris", "Dauer", "SCHOOL_ADMIN", null, null);
		GroupCalendarListener.CRASHES_TO_COME.set(1);
		var group = groups.create(school.id(), "Chor", GroupKind.CUSTOM, null, users.load(admin.login()).orElseThrow());

		await().atMost(Duration.ofSeconds(20)).until(() -> GroupCalendarListener.CRASHES_TO_COME.get() == 0 && outstanding() == 1);
		assertThat(GroupCalendarListener.GROUPS_SEEN).doesNotContain(group.id());

		HikariDataSource db = (HikariDataSource) dataSource;
		try (ConfigurableApplicationContext secondNode = new SpringApplicationBuilder(SchulhausApplication.class, GroupCalendarListener.class)
			.profiles("test")
			// arguments, not default properties: those would lose against the test profile's own database
			.run("--spring.datasource.url=" + db.getJdbcUrl(), "--spring.datasource.username=" + db.getUsername(),
					"--spring.datasource.password=" + (db.getPassword() == null ? "" : db.getPassword()), "--server.port=0")) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(GroupCalendarListener.GROUPS_SEEN).contains(group.id()));
			await().atMost(Duration.ofSeconds(10)).until(() -> outstanding() == 0);
		}
	}

	private long outstanding() {
		return jdbc.sql("select count(*) from event_publication where completion_date is null and event_type like '%GroupsChanged' "
				+ "and serialized_event like '%Chor%'").query(Long.class).single();
	}
}
