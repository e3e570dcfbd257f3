package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.GroupKind;
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
	@Autowired JdbcTemplate template;
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

	@Test
	void aFrequentWordShowsTheNewestPageAndARareOneAllItsHitsNewestFirst() throws Exception {
		ChatFixture school = new ChatFixture(mvc, groups, users, jdbc, audit, "Häufig-Schule");
		UUID room = school.awaitRoom(school.classA.id());
		UUID other = school.awaitRoom(groups.create(school.school.id(), "5b", GroupKind.CLASS, null, school.admin).id());
		groups.addMember(school.school.id(), groupOf(other), school.pupil.accountId(), false, school.admin);
		// more copies with the word than the search sorts itself, in two rooms, posted alternately over a year
		int many = MessageSearch.FREQUENT + 100;
		Instant start = Instant.now().minus(Duration.ofDays(365));
		List<Object[]> rows = new ArrayList<>();
		for (int i = 1; i <= many; i++) {
			String body = (i % 300 == 0 ? "Wandertag und " : "") + "Hausaufgaben Nr. " + i;
			rows.add(new Object[] { UUID.randomUUID(), i % 2 == 0 ? room : other, school.school.id(), (i + 1) / 2, (i + 1) / 2, school.teacher.accountId(),
					body, Timestamp.from(start.plus(Duration.ofMinutes(i))) });
		}
		template.batchUpdate("insert into chat_message (id, room_id, school_id, seq, changed_seq, author_id, body, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
				rows);
		jdbc.sql("update chat_room set last_seq = :seq where id in (:rooms)").param("seq", (many + 1) / 2).param("rooms", List.of(room, other)).update();
		indexing.indexAll();

		List<String> newest = search.search(school.pupil, "hausaufgaben", 50).stream().map(hit -> hit.message().body()).toList();
		assertThat(newest).hasSize(50).first().isEqualTo("Hausaufgaben Nr. " + many);
		assertThat(newest).last().isEqualTo("Hausaufgaben Nr. " + (many - 49));
		assertThat(newest).isSortedAccordingTo(Comparator.comparing((String body) -> Integer.parseInt(body.replaceAll(".* ", ""))).reversed());
		assertThat(found(school.pupil, "wandertag")).containsExactly("Wandertag und Hausaufgaben Nr. 900", "Wandertag und Hausaufgaben Nr. 600",
				"Wandertag und Hausaufgaben Nr. 300");
		// a frequent word posted today is among the newest
		ChatMessage today = messages.post(school.teacher, room, "Hausaufgaben für morgen");
		assertThat(search.search(school.pupil, "hausaufgaben", 50).get(0).message().id()).isEqualTo(today.id());
	}

	private UUID groupOf(UUID room) {
		return jdbc.sql("select group_id from chat_room where id = :id").param("id", room).query(UUID.class).single();
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
