package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.SchoolDeleted;

/** Rooms made, renamed and removed with the roster's groups, from events and by the backfill. */
@IntegrationTest
class GroupRoomsTests {

	@Autowired MockMvc mvc;
	@Autowired GroupRooms groupRooms;
	@Autowired RoomBackfill backfill;
	@Autowired RosterRoomSync sync;
	@Autowired ChatRooms rooms;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;

	TestSchools.SchoolRef school;
	SchulhausUser admin;

	@BeforeEach
	void setUp() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		school = schools.createSchool("Raum-Schule");
		admin = users.load(schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-1", null).login()).orElseThrow()
			.withTwoFactor(true);
	}

	@Test
	void aGroupsRoomIsMadeWithItAndFollowsItsName() {
		Group staff = groups.create(school.id(), "Kollegium", GroupKind.STAFF, null, admin);
		await().atMost(Duration.ofSeconds(20)).until(() -> rooms.ofGroup(school.id(), staff.id()).isPresent());
		assertThat(rooms.ofGroup(school.id(), staff.id()).orElseThrow().name()).isEqualTo("Kollegium");

		// as a roster import renames a group; a repeated or late event changes nothing more
		jdbc.sql("update school_group set name = 'Lehrerzimmer' where id = :id").param("id", staff.id()).update();
		groupRooms.follow(school.id(), List.of(staff.id()));
		groupRooms.follow(school.id(), List.of(staff.id()));
		assertThat(rooms.all(school.id())).extracting(Room::name).containsExactly("Lehrerzimmer");
	}

	@Test
	void theBackfillGivesGroupsFromBeforeTheMessengerTheirRoomsOnce() {
		Group a = groups.create(school.id(), "6a", GroupKind.CLASS, null, admin);
		Group b = groups.create(school.id(), "Chemie GK", GroupKind.COURSE, null, admin);
		await().atMost(Duration.ofSeconds(20)).until(() -> rooms.all(school.id()).size() == 2);
		// as if the groups had been made before the chat module existed
		rooms.deleteSchool(school.id());
		assertThat(groupRooms.unsyncedSchools()).contains(school.id());

		backfill.run();

		assertThat(rooms.all(school.id())).extracting(Room::groupId).containsExactlyInAnyOrder(a.id(), b.id());
		assertThat(groupRooms.unsyncedSchools()).doesNotContain(school.id());
		assertThat(groupRooms.reconcile(school.id())).as("nothing left to do").isZero();
	}

	@Test
	void aDeletedSchoolLeavesNoRoomsOrMessages() {
		Group a = groups.create(school.id(), "7c", GroupKind.CLASS, null, admin);
		await().atMost(Duration.ofSeconds(20)).until(() -> rooms.ofGroup(school.id(), a.id()).isPresent());
		// a module listener runs asynchronously, called directly too
		sync.on(new SchoolDeleted(school.id(), school.number()));
		await().atMost(Duration.ofSeconds(20)).until(() -> rooms.all(school.id()).isEmpty());
		for (String table : List.of("chat_room", "chat_message", "chat_read", "chat_room_synced")) {
			assertThat(jdbc.sql("select count(*) from " + table + " where school_id = :s").param("s", school.id()).query(Long.class).single())
				.as(table).isZero();
		}
	}

	@Test
	void anUnknownSchoolIsLeftAlone() {
		groupRooms.follow(UUID.randomUUID(), List.of(UUID.randomUUID()));
		assertThat(groupRooms.reconcile(UUID.randomUUID())).isZero();
	}
}
