package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.ChatFixture;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;

/**
 * The posting rule inside the write ({@link RoomAccess#POSTING_RULE}, PostgreSQL only) against the rule itself
 * ({@link RoomAccess#rights}, through {@link RoomAccess#find}): over every room kind, archived/closed/gone state, lock,
 * stored role and mute, for a pupil, a class teacher, an admin, a pupil of no group and a pupil and teacher of an archived
 * class, the write happens exactly where the full check lets the person post, and says the same about leading the room.
 */
@IntegrationTest
class RoomRightsSqlTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;
	@Autowired NewMessageRows rows;
	@Autowired RoomAccess access;

	@Test
	void theWriteAllowsExactlyWhatTheFullCheckAllows() throws Exception {
		Assumptions.assumeTrue(rows.oneStatement(), "the check inside the write is PostgreSQL's");
		ChatFixture f = new ChatFixture(mvc, groups, users, jdbc, audit, "Regel-Schule");
		SchulhausUser outsider = f.person("Otto", "Ohne", "PUPIL");
		SchulhausUser formerPupil = f.person("Frida", "Früher", "PUPIL");
		Group oldClass = groups.create(f.school.id(), "4c", GroupKind.CLASS, null, f.admin);
		groups.addMember(f.school.id(), oldClass.id(), formerPupil.accountId(), false, f.admin);
		groups.addMember(f.school.id(), oldClass.id(), f.teacher.accountId(), true, f.admin);
		Group otherClass = groups.create(f.school.id(), "6b", GroupKind.CLASS, null, f.admin);
		List<UUID> rooms = new ArrayList<>(List.of(f.awaitRoom(f.classA.id()), f.awaitRoom(oldClass.id()), f.awaitRoom(otherClass.id())));
		groups.archive(f.school.id(), oldClass.id(), true, f.admin);
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select archived from chat_room where id = :id").param("id", rooms.get(1))
			.query(Boolean.class).single());
		for (RoomKind kind : List.of(RoomKind.DIRECT, RoomKind.CHAT, RoomKind.ANNOUNCE)) {
			rooms.add(room(f.school.id(), kind));
		}
		List<SchulhausUser> people = List.of(f.pupil, f.teacher, f.admin, outsider, formerPupil);

		int allowed = 0;
		int refused = 0;
		int leading = 0;
		for (UUID room : rooms) {
			for (String state : List.of("open", "archived", "closed", "gone")) {
				for (boolean locked : List.of(false, true)) {
					for (String role : new String[] { null, "starter", "member", "poster", "former" }) {
						for (String mute : new String[] { null, "lifted", "future", "past" }) {
							set(room, state, locked, role, mute, people);
							String situation = kindOf(room) + " " + state + (locked ? " locked" : "") + " as " + role + " mute " + mute;
							List<Optional<RoomRights>> full = people.stream().map(person -> access.find(person, room)).toList();
							// each person alone
							for (int i = 0; i < people.size(); i++) {
								Optional<NewMessageRows.Written> written = rows.insertIfAllowed(post(f.school.id(), room, people.get(i)));
								assertWritten(written, full.get(i), room, lastSeq(room), people.get(i).displayName() + " in " + situation);
								allowed += written.isPresent() ? 1 : 0;
								refused += written.isPresent() ? 0 : 1;
								leading += written.isPresent() && written.get().leader() ? 1 : 0;
							}
							// all five in one batch (PostWriteBatches): the same answers, the allowed posts taking the next seqs in order
							long seq = lastSeq(room);
							List<Optional<NewMessageRows.Written>> together = rows.insertAllIfAllowed(
									people.stream().map(person -> post(f.school.id(), room, person)).toList());
							assertThat(together).hasSameSizeAs(people);
							for (int i = 0; i < people.size(); i++) {
								seq += together.get(i).isPresent() ? 1 : 0;
								assertWritten(together.get(i), full.get(i), room, seq, people.get(i).displayName() + " with the others in " + situation);
							}
							assertThat(lastSeq(room)).as(situation).isEqualTo(seq);
						}
					}
				}
			}
		}
		// every part of the rule was reached: posts allowed, led and refused
		assertThat(allowed).isGreaterThan(100);
		assertThat(leading).isGreaterThan(20);
		assertThat(refused).isGreaterThan(1000);
	}

	@Test
	void anotherSchoolsRoomIsNeverWritten() throws Exception {
		Assumptions.assumeTrue(rows.oneStatement(), "the check inside the write is PostgreSQL's");
		ChatFixture f = new ChatFixture(mvc, groups, users, jdbc, audit, "Regel-Schule-Eins");
		ChatFixture other = new ChatFixture(mvc, groups, users, jdbc, audit, "Regel-Schule-Zwei");
		UUID foreign = other.awaitRoom(other.classA.id());
		UUID announcements = room(other.school.id(), RoomKind.ANNOUNCE);

		for (UUID room : List.of(foreign, announcements)) {
			// the admin of the one school, who may post in every announcement room of their own
			assertThat(rows.insertIfAllowed(post(f.school.id(), room, f.admin))).isEmpty();
			assertThat(rows.insertIfAllowed(post(f.school.id(), room, f.teacher))).isEmpty();
			assertThat(rows.insertAllIfAllowed(List.of(post(f.school.id(), room, f.admin), post(f.school.id(), room, f.teacher))))
				.containsExactly(Optional.empty(), Optional.empty());
			assertThat(lastSeq(room)).isZero();
		}
		assertThat(jdbc.sql("select count(*) from chat_message where room_id in (:rooms)").param("rooms", List.of(foreign, announcements))
			.query(Long.class).single()).isZero();
	}

	private static void assertWritten(Optional<NewMessageRows.Written> written, Optional<RoomRights> full, UUID room, long seq, String situation) {
		assertThat(written.isPresent()).as(situation).isEqualTo(full.map(RoomRights::mayPost).orElse(false));
		if (written.isPresent()) {
			assertThat(written.get().leader()).as(situation).isEqualTo(full.get().leader());
			assertThat(written.get().room().id()).as(situation).isEqualTo(room);
			assertThat(written.get().seq()).as(situation).isEqualTo(seq);
		}
	}

	private static NewMessageRows.NewPost post(UUID school, UUID room, SchulhausUser person) {
		return new NewMessageRows.NewPost(school, room, Ids.newId(), RoomAccess.poster(person), "Hallo", Instant.now());
	}

	private UUID room(UUID school, RoomKind kind) {
		UUID id = Ids.newId();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("insert into chat_room (id, school_id, group_id, name, archived, last_seq, last_activity_at, created_at, kind) "
				+ "values (:id, :school, null, :name, false, 0, :now, :now, :kind)")
			.param("id", id).param("school", school).param("name", kind.name()).param("now", now).param("kind", kind.name()).update();
		return id;
	}

	/** The room in this state, with the same stored role and mute for everybody. */
	private void set(UUID room, String state, boolean locked, String role, String mute, List<SchulhausUser> people) {
		jdbc.sql("update chat_room set archived = :archived, closed = :closed, group_gone = :gone, locked = :locked where id = :id")
			.param("archived", state.equals("archived"))
			.param("closed", state.equals("closed")).param("gone", state.equals("gone")).param("locked", locked).param("id", room).update();
		jdbc.sql("delete from chat_member where room_id = :id").param("id", room).update();
		jdbc.sql("delete from chat_mute where room_id = :id").param("id", room).update();
		Instant now = Instant.now();
		for (SchulhausUser person : people) {
			if (role != null) {
				jdbc.sql("insert into chat_member (room_id, school_id, account_id, role, added_at) values (:room, :school, :account, :role, :now)")
					.param("room", room).param("school", person.schoolId()).param("account", person.accountId()).param("role", role)
					.param("now", Timestamp.from(now)).update();
			}
			if (mute != null) {
				Instant until = switch (mute) {
					case "lifted" -> null;
					case "future" -> now.plus(Duration.ofHours(1));
					default -> now.minus(Duration.ofHours(1));
				};
				jdbc.sql("insert into chat_mute (room_id, school_id, account_id, until_at, muted_by, muted_at) "
						+ "values (:room, :school, :account, :until, :account, :now)")
					.param("room", room).param("school", person.schoolId()).param("account", person.accountId())
					.param("until", until == null ? null : Timestamp.from(until)).param("now", Timestamp.from(now)).update();
			}
		}
	}

	private String kindOf(UUID room) {
		return jdbc.sql("select kind from chat_room where id = :id").param("id", room).query(String.class).single();
	}

	private long lastSeq(UUID room) {
		return jdbc.sql("select last_seq from chat_room where id = :id").param("id", room).query(Long.class).single();
	}
}
