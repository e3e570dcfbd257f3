package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.ChatFixture;
import de.schulhaus.platform.AuditLog;

/** The nightly sweep deletes messages past the school's retention, and only those. */
@IntegrationTest
class ChatRetentionTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;
	@Autowired SchoolChatRules rules;
	@Autowired ChatMessages messages;
	@Autowired ChatRetention retention;
	@Autowired RoomModeration moderation;

	@Test
	void messagesOlderThanTheSchoolsRetentionAreDeletedAndOthersKept() throws Exception {
		ChatFixture keeping = new ChatFixture(mvc, groups, users, jdbc, audit, "Behalte-Schule");
		ChatFixture sweeping = new ChatFixture(mvc, groups, users, jdbc, audit, "Lösch-Schule");
		rules.set(sweeping.admin, new ChatRules(false, null, null, 30));
		UUID kept = keeping.awaitRoom(keeping.classA.id());
		UUID swept = sweeping.awaitRoom(sweeping.classA.id());
		UUID oldKept = messages.post(keeping.teacher, kept, "Vom letzten Jahr").id();
		UUID old = messages.post(sweeping.teacher, swept, "Vom letzten Jahr").id();
		moderation.pin(sweeping.teacher, swept, old, true);
		messages.post(sweeping.teacher, swept, "Von heute");
		age(List.of(oldKept, old), Duration.ofDays(31));

		assertThat(retention.sweep(Instant.now())).isGreaterThanOrEqualTo(1);
		assertThat(bodies(swept)).containsExactly("Von heute");
		assertThat(bodies(kept)).containsExactly("Vom letzten Jahr");
		assertThat(jdbc.sql("select count(*) from chat_pin where room_id = :room").param("room", swept).query(Long.class).single()).isZero();
		// numbering goes on after the deleted ones
		assertThat(messages.post(sweeping.teacher, swept, "Neu").seq()).isEqualTo(3);
	}

	private void age(List<UUID> ids, Duration by) {
		for (UUID id : ids) {
			jdbc.sql("update chat_message set created_at = :at where id = :id").param("at", Timestamp.from(Instant.now().minus(by))).param("id", id)
				.update();
		}
	}

	private List<String> bodies(UUID room) {
		return jdbc.sql("select body from chat_message where room_id = :room order by seq").param("room", room).query(String.class).list();
	}
}
