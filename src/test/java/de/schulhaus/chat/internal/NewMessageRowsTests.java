package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.ChatFixture;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.NotFoundException;

/**
 * A new message's rows (on PostgreSQL one statement, on H2 three; CI runs this on both): the room's next seq, the
 * message, the poster's read marker, and nothing at all for a room of another school.
 */
@IntegrationTest
class NewMessageRowsTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;
	@Autowired NewMessageRows rows;
	@Autowired TransactionTemplate transaction;

	ChatFixture f;
	UUID room;

	@BeforeEach
	void setUp() throws Exception {
		f = new ChatFixture(mvc, groups, users, jdbc, audit, "Zeilen-Schule");
		room = f.awaitRoom(f.classA.id());
	}

	@Test
	void aMessageTakesTheRoomsNextSeqAndCountsAsReadByItsAuthor() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		long first = insert(f.school.id(), room, f.teacher.accountId(), "Guten Morgen", now, null);
		UUID firstId = jdbc.sql("select id from chat_message where room_id = :room and seq = :seq").param("room", room).param("seq", first)
			.query(UUID.class).single();
		long second = insert(f.school.id(), room, f.pupil.accountId(), "Guten Morgen zurück", now.plusSeconds(1), firstId);

		assertThat(second).isEqualTo(first + 1);
		assertThat(jdbc.sql("select last_seq from chat_room where id = :room").param("room", room).query(Long.class).single()).isEqualTo(second);
		assertThat(jdbc.sql("select last_activity_at from chat_room where id = :room").param("room", room).query(java.sql.Timestamp.class).single()
			.toInstant()).isEqualTo(now.plusSeconds(1));
		assertThat(jdbc.sql("select body from chat_message where room_id = :room and seq = :seq and changed_seq = :seq and reply_to = :reply "
				+ "and author_id = :author and school_id = :school")
			.param("room", room).param("seq", second).param("reply", firstId).param("author", f.pupil.accountId()).param("school", f.school.id())
			.query(String.class).single()).isEqualTo("Guten Morgen zurück");
		assertThat(marker(f.teacher.accountId())).isEqualTo(first);
		assertThat(marker(f.pupil.accountId())).isEqualTo(second);
	}

	@Test
	void aReadMarkerOnlyMovesForward() {
		long mine = insert(f.school.id(), room, f.pupil.accountId(), "eins", Instant.now(), null);
		insert(f.school.id(), room, f.teacher.accountId(), "zwei", Instant.now(), null);
		// the pupil's other device has read further already
		jdbc.sql("update chat_read set last_read_seq = 99 where room_id = :room and account_id = :me").param("room", room)
			.param("me", f.pupil.accountId()).update();

		long later = insert(f.school.id(), room, f.pupil.accountId(), "drei", Instant.now(), null);

		assertThat(later).isGreaterThan(mine);
		assertThat(marker(f.pupil.accountId())).isEqualTo(99);
	}

	@Test
	void aRoomOfAnotherSchoolIsNotFoundAndNothingIsWritten() throws Exception {
		ChatFixture other = new ChatFixture(mvc, groups, users, jdbc, audit, "Andere-Zeilen-Schule");
		UUID foreign = other.awaitRoom(other.classA.id());
		long messagesBefore = jdbc.sql("select count(*) from chat_message").query(Long.class).single();

		assertThatThrownBy(() -> insert(f.school.id(), foreign, f.teacher.accountId(), "fremd", Instant.now(), null))
			.isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> insert(f.school.id(), Ids.newId(), f.teacher.accountId(), "nirgends", Instant.now(), null))
			.isInstanceOf(NotFoundException.class);

		assertThat(jdbc.sql("select count(*) from chat_message").query(Long.class).single()).isEqualTo(messagesBefore);
		assertThat(jdbc.sql("select last_seq from chat_room where id = :room").param("room", foreign).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from chat_read where room_id = :room").param("room", foreign).query(Long.class).single()).isZero();
	}

	private long insert(UUID school, UUID roomId, UUID author, String body, Instant now, UUID replyTo) {
		return transaction.execute(t -> rows.insert(school, roomId, Ids.newId(), author, body, now, replyTo));
	}

	private long marker(UUID account) {
		return jdbc.sql("select last_read_seq from chat_read where room_id = :room and account_id = :me").param("room", room).param("me", account)
			.query(Long.class).single();
	}
}
