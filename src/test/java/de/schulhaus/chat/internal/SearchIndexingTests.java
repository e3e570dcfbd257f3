package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import de.schulhaus.platform.SchulhausUser;

/**
 * The search's copies made at night: the search finds a message before and after its room is indexed, once, in its
 * current text; an edit or a deletion takes the copy away at once, and what changed since the night is found too.
 */
@IntegrationTest
class SearchIndexingTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;
	@Autowired ChatMessages messages;
	@Autowired MessageChanges changes;
	@Autowired MessageSearch search;
	@Autowired SearchIndexing indexing;

	@Test
	void findsEachMessageOnceInItsCurrentTextBeforeAndAfterTheNight() throws Exception {
		ChatFixture school = new ChatFixture(mvc, groups, users, jdbc, audit, "Index-Schule");
		UUID room = school.awaitRoom(school.classA.id());
		ChatMessage monday = messages.post(school.teacher, room, "Der Wandertag ist am Montag");
		ChatMessage tuesday = messages.post(school.teacher, room, "Oder doch am Dienstag? wandertag!");
		messages.post(school.pupil, room, "Etwas ganz anderes");
		ChatMessage regretted = messages.post(school.pupil, room, "WANDERTAG ist doof");
		assertThat(found(school.pupil, "wandertag")).as("before the night").containsExactly(regretted.body(), tuesday.body(), monday.body());

		assertThat(indexing.indexAll()).isGreaterThanOrEqualTo(1);
		assertThat(copies(room)).containsExactlyInAnyOrder(monday.body(), tuesday.body(), "Etwas ganz anderes", regretted.body());
		assertThat(indexedSeq(room)).isEqualTo(regretted.seq());
		assertThat(found(school.pupil, "wandertag")).as("after the night").containsExactly(regretted.body(), tuesday.body(), monday.body());

		changes.edit(school.teacher, monday.id(), "Der Ausflug ist am Montag");
		changes.delete(school.pupil, regretted.id());
		changes.react(school.pupil, tuesday.id(), Reactions.EMOJI.get(0), true);
		ChatMessage later = messages.post(school.teacher, room, "Wandertag: Treffpunkt am Bahnhof");
		assertThat(copies(room)).as("the edited and the deleted text are gone at once")
			.containsExactlyInAnyOrder(tuesday.body(), "Etwas ganz anderes");
		assertThat(found(school.pupil, "wandertag")).as("changed since the night; the reacted-to one once")
			.containsExactly(later.body(), tuesday.body());
		assertThat(found(school.pupil, "ausflug")).containsExactly("Der Ausflug ist am Montag");
		assertThat(found(school.pupil, "doof")).isEmpty();

		indexing.indexAll();
		assertThat(copies(room)).containsExactlyInAnyOrder("Der Ausflug ist am Montag", tuesday.body(), "Etwas ganz anderes", later.body());
		assertThat(found(school.pupil, "wandertag")).containsExactly(later.body(), tuesday.body());
		assertThat(found(school.pupil, "ausflug")).containsExactly("Der Ausflug ist am Montag");

		ChatFixture other = new ChatFixture(mvc, groups, users, jdbc, audit, "Andere Index-Schule");
		assertThat(found(other.teacher, "wandertag")).as("another school's copies").isEmpty();
		assertThat(found(other.admin, "wandertag")).isEmpty();

		// what is indexed is searched in the copies alone: the messages themselves are not read again
		jdbc.sql("delete from chat_search_entry where room_id = :room").param("room", room).update();
		assertThat(found(school.pupil, "wandertag")).isEmpty();
	}

	@Test
	void aMessageDeletedAltogetherTakesItsCopyWithIt() throws Exception {
		ChatFixture school = new ChatFixture(mvc, groups, users, jdbc, audit, "Kaskaden-Schule");
		UUID room = school.awaitRoom(school.classA.id());
		ChatMessage message = messages.post(school.pupil, room, "Meine Adresse ist Lindenweg 4");
		indexing.indexAll();
		assertThat(copies(room)).containsExactly(message.body());

		// as retention and the erasure of a person's data do
		jdbc.sql("delete from chat_message where id = :id").param("id", message.id()).update();
		assertThat(copies(room)).isEmpty();
		assertThat(found(school.pupil, "lindenweg")).isEmpty();
	}

	private List<String> found(SchulhausUser who, String q) {
		return search.search(who, q, 50).stream().map(hit -> hit.message().body()).toList();
	}

	private List<String> copies(UUID room) {
		return jdbc.sql("select body from chat_search_entry where room_id = :room").param("room", room).query(String.class).list();
	}

	private long indexedSeq(UUID room) {
		return jdbc.sql("select indexed_seq from chat_search_room where room_id = :room").param("room", room).query(Long.class).single();
	}
}
