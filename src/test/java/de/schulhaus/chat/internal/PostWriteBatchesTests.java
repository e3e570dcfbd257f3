package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.ChatFixture;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;

/**
 * Posts written together ({@link PostWriteBatches}, PostgreSQL only): under concurrent posting every allowed post is
 * written exactly once with the room's next seq and every refused one not at all; a post that fails in a batch fails
 * alone, the others of its batch are written; a batch is one transaction, also once the driver has prepared it.
 */
@IntegrationTest
class PostWriteBatchesTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;
	@Autowired DataSource dataSource;
	@Autowired NewMessageRows rows;
	@Autowired PostWriteBatches batches;
	@Autowired ChatRooms chatRooms;
	@Autowired ReadMarkers reads;

	@BeforeEach
	void onPostgres() {
		Assumptions.assumeTrue(rows.oneStatement(), "posts are written together on PostgreSQL");
	}

	@Test
	void concurrentPostsAreEachWrittenOnceInTheirRoomsOrder() throws Exception {
		ChatFixture f = new ChatFixture(mvc, groups, users, jdbc, audit, "Stapel-Schule");
		SchulhausUser outsider = f.person("Olga", "Außen", "PUPIL");
		UUID classRoom = f.awaitRoom(f.classA.id());
		UUID announcements = announcementRoom(f.school.id());
		ExecutorService posters = Executors.newFixedThreadPool(16);
		try {
			List<Future<Optional<NewMessageRows.Written>>> posted = new ArrayList<>();
			List<Future<Optional<NewMessageRows.Written>>> refused = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				SchulhausUser who = List.of(f.pupil, f.teacher, f.pupil2).get(i % 3);
				posted.add(posters.submit(() -> batches.insertIfAllowed(post(f.school.id(), classRoom, who))));
				posted.add(posters.submit(() -> batches.insertIfAllowed(post(f.school.id(), announcements, f.admin))));
				if (i % 10 == 0) {
					refused.add(posters.submit(() -> batches.insertIfAllowed(post(f.school.id(), classRoom, outsider))));
					refused.add(posters.submit(() -> batches.insertIfAllowed(post(f.school.id(), announcements, f.pupil))));
				}
			}
			for (Future<Optional<NewMessageRows.Written>> answer : refused) {
				assertThat(answer.get()).isEmpty();
			}
			List<Long> classSeqs = new ArrayList<>();
			List<Long> announcementSeqs = new ArrayList<>();
			for (Future<Optional<NewMessageRows.Written>> answer : posted) {
				NewMessageRows.Written written = answer.get().orElseThrow();
				(written.room().id().equals(classRoom) ? classSeqs : announcementSeqs).add(written.seq());
			}
			// each room's seqs 1..300, each once, and each the seq of exactly one stored message
			for (UUID room : List.of(classRoom, announcements)) {
				List<Long> answered = room.equals(classRoom) ? classSeqs : announcementSeqs;
				assertThat(answered).doesNotHaveDuplicates().hasSize(300).allMatch(seq -> seq >= 1 && seq <= 300);
				assertThat(jdbc.sql("select seq from chat_message where room_id = :room order by seq").param("room", room).query(Long.class).list())
					.containsExactlyElementsOf(answered.stream().sorted().toList());
				assertThat(jdbc.sql("select last_seq from chat_room where id = :room").param("room", room).query(Long.class).single()).isEqualTo(300);
			}
		} finally {
			posters.shutdownNow();
		}
	}

	@Test
	void aPostThatFailsInABatchFailsAloneAndTheOthersAreWritten() throws Exception {
		ChatFixture f = new ChatFixture(mvc, groups, users, jdbc, audit, "Stapel-Schule-Zwei");
		UUID classRoom = f.awaitRoom(f.classA.id());
		NewMessageRows.NewPost first = post(f.school.id(), classRoom, f.pupil);
		assertThat(batches.insertIfAllowed(first)).isPresent();
		ExecutorService posters = Executors.newFixedThreadPool(12);
		try (Connection blocker = dataSource.getConnection()) {
			// the room's lane waits for the room's row while the next posts queue up behind it: they go as one batch
			blocker.setAutoCommit(false);
			try (PreparedStatement lock = blocker.prepareStatement("select id from chat_room where id = ? for update")) {
				lock.setObject(1, classRoom);
				lock.executeQuery().close();
			}
			Future<Optional<NewMessageRows.Written>> waiting = posters.submit(() -> batches.insertIfAllowed(post(f.school.id(), classRoom, f.teacher)));
			await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() "
					+ "and wait_event_type = 'Lock'").query(Long.class).single() > 0);
			List<Future<Optional<NewMessageRows.Written>>> others = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				others.add(posters.submit(() -> batches.insertIfAllowed(post(f.school.id(), classRoom, f.teacher))));
			}
			// the same message id again: its insert fails, and with it the batch's transaction
			NewMessageRows.NewPost again = new NewMessageRows.NewPost(f.school.id(), classRoom, first.messageId(), RoomAccess.poster(f.pupil2),
					"noch einmal", Instant.now());
			Future<Optional<NewMessageRows.Written>> duplicate = posters.submit(() -> batches.insertIfAllowed(again));
			Thread.sleep(500);
			blocker.commit();

			assertThat(waiting.get().orElseThrow().seq()).isEqualTo(2);
			List<Long> seqs = new ArrayList<>();
			for (Future<Optional<NewMessageRows.Written>> other : others) {
				seqs.add(other.get().orElseThrow().seq());
			}
			assertThatThrownBy(duplicate::get).hasCauseInstanceOf(DuplicateKeyException.class);
			assertThat(seqs).containsExactlyInAnyOrder(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
			assertThat(jdbc.sql("select count(*) from chat_message where room_id = :room").param("room", classRoom).query(Long.class).single())
				.isEqualTo(12);
			assertThat(jdbc.sql("select body from chat_message where id = :id").param("id", first.messageId()).query(String.class).single())
				.isEqualTo("Hallo");
		} finally {
			posters.shutdownNow();
		}
	}

	@Test
	void aBatchThatFailsWritesNoneOfItsPostsHoweverOftenTheDriverHasSeenIt() throws Exception {
		ChatFixture f = new ChatFixture(mvc, groups, users, jdbc, audit, "Stapel-Schule-Drei");
		UUID classRoom = f.awaitRoom(f.classA.id());
		NewMessageRows.NewPost first = post(f.school.id(), classRoom, f.pupil);
		assertThat(rows.insertIfAllowed(first)).isPresent();
		// the same request again and again: pgjdbc prepares it on the server after its fifth run and then sent it with
		// a sync between the statements, which committed the first posts of a batch whose last one failed
		for (int run = 1; run <= 10; run++) {
			List<NewMessageRows.NewPost> batch = List.of(post(f.school.id(), classRoom, f.teacher), post(f.school.id(), classRoom, f.pupil2),
					new NewMessageRows.NewPost(f.school.id(), classRoom, first.messageId(), RoomAccess.poster(f.teacher), "noch einmal", Instant.now()));
			assertThatThrownBy(() -> rows.insertAllIfAllowed(batch)).as("run %d", run).isInstanceOf(DuplicateKeyException.class);
			assertThat(jdbc.sql("select count(*) from chat_message where room_id = :room").param("room", classRoom).query(Long.class).single())
				.as("run %d", run).isEqualTo(1);
			assertThat(jdbc.sql("select last_seq from chat_room where id = :room").param("room", classRoom).query(Long.class).single())
				.as("run %d", run).isEqualTo(1);
		}
		// and the connection is as it was: the next batches commit, each as one transaction however often it was sent
		for (int run = 1; run <= 8; run++) {
			List<NewMessageRows.NewPost> batch = List.of(post(f.school.id(), classRoom, f.teacher), post(f.school.id(), classRoom, f.pupil2),
					post(f.school.id(), classRoom, f.teacher));
			long seq = 1 + (run - 1) * 3L;
			assertThat(rows.insertAllIfAllowed(batch)).as("run %d", run).map(written -> written.orElseThrow().seq())
				.containsExactly(seq + 1, seq + 2, seq + 3);
			assertThat(jdbc.sql("select count(distinct cast(xmin as text)) from chat_message where id in (:ids)")
				.param("ids", batch.stream().map(NewMessageRows.NewPost::messageId).toList()).query(Long.class).single())
				.as("transactions of run %d", run).isEqualTo(1);
		}
		assertThat(jdbc.sql("select count(*) from chat_message where room_id = :room").param("room", classRoom).query(Long.class).single()).isEqualTo(25);
	}

	@Test
	void batchesOfEverySizeRunOnTheOneStatementTheDatabasePlannedOnce() throws Exception {
		ChatFixture f = new ChatFixture(mvc, groups, users, jdbc, audit, "Stapel-Schule-Vier");
		UUID classRoom = f.awaitRoom(f.classA.id());
		try (Connection connection = dataSource.getConnection()) {
			// one connection, as a lane mostly has: what the database prepared on it is in its pg_prepared_statements
			SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
			NewMessageRows onOneConnection = new NewMessageRows(JdbcClient.create(single), new JdbcTemplate(single), single, chatRooms, reads);
			int posts = 0;
			for (int size = 2; size <= 9; size++) {
				for (int time = 0; time < 2; time++) {
					List<NewMessageRows.NewPost> batch = new ArrayList<>();
					for (int i = 0; i < size; i++) {
						batch.add(post(f.school.id(), classRoom, i % 2 == 0 ? f.pupil : f.teacher));
					}
					assertThat(onOneConnection.insertAllIfAllowed(batch)).allMatch(Optional::isPresent);
					posts += size;
				}
			}
			// each size only twice, yet one statement for all of them, run on a generic plan after its first few runs
			// (a request of several copies per batch size was planned anew nearly every time, about 1 ms per copy)
			List<long[]> prepared = JdbcClient.create(single)
				.sql("select generic_plans, custom_plans from pg_prepared_statements where statement like '%update chat_room r set last_seq%'")
				.query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
			assertThat(prepared).hasSize(1);
			assertThat(prepared.get(0)[1]).as("custom plans").isLessThanOrEqualTo(5);
			assertThat(prepared.get(0)[0]).as("runs on the generic plan").isGreaterThanOrEqualTo(posts - 10);
		}
		assertThat(jdbc.sql("select last_seq from chat_room where id = :room").param("room", classRoom).query(Long.class).single()).isEqualTo(88);
	}

	private static NewMessageRows.NewPost post(UUID school, UUID room, SchulhausUser person) {
		return new NewMessageRows.NewPost(school, room, Ids.newId(), RoomAccess.poster(person), "Hallo", Instant.now());
	}

	private UUID announcementRoom(UUID school) {
		UUID id = Ids.newId();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("insert into chat_room (id, school_id, group_id, name, archived, last_seq, last_activity_at, created_at, kind) "
				+ "values (:id, :school, null, 'Ankündigungen', false, 0, :now, :now, 'ANNOUNCE')")
			.param("id", id).param("school", school).param("now", now).update();
		return id;
	}
}
