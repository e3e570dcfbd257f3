package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.PersonGroup;
import de.schulhaus.platform.Role;

/** Who reads and posts in a group's room, from the person's membership as the roster has it now. */
class RoomRightsTests {

	final UUID group = UUID.randomUUID();
	final Room room = new Room(UUID.randomUUID(), UUID.randomUUID(), group, "5a", false, 3, Instant.now());

	@Test
	void aMemberReadsAndPosts() {
		RoomRights rights = RoomAccess.rights(room, new PersonGroup(group, "5a", GroupKind.CLASS, false, false));
		assertThat(rights.room()).isEqualTo(room);
		assertThat(rights.mayPost()).isTrue();
	}

	@Test
	void aLeaderPostsLikeAnyMember() {
		assertThat(RoomAccess.rights(room, new PersonGroup(group, "5a", GroupKind.CLASS, false, true)).mayPost()).isTrue();
	}

	@Test
	void theGroupsLeadersLeadItsRoomAndMembersDoNot() {
		assertThat(RoomAccess.rights(room, new PersonGroup(group, "5a", GroupKind.CLASS, false, true)).leader()).isTrue();
		assertThat(RoomAccess.rights(room, new PersonGroup(group, "5a", GroupKind.CLASS, false, false)).leader()).isFalse();
	}

	@Test
	void someoneWhoIsNotInTheGroupHasNoRoomAtAll() {
		assertThat(RoomAccess.rights(room, null)).isNull();
		assertThat(RoomAccess.rights(room, new PersonGroup(UUID.randomUUID(), "5b", GroupKind.CLASS, false, false))).isNull();
	}

	@Test
	void anArchivedGroupsRoomIsReadOnly() {
		Room archived = new Room(room.id(), room.schoolId(), group, "5a", true, 3, Instant.now());
		assertThat(RoomAccess.rights(archived, new PersonGroup(group, "5a", GroupKind.CLASS, true, true)).mayPost()).isFalse();
		// the membership's view of the group may be newer than the room's row (the event is still on its way)
		assertThat(RoomAccess.rights(room, new PersonGroup(group, "5a", GroupKind.CLASS, true, false)).mayPost()).isFalse();
	}

	@Test
	void directAndGroupChatsAreTheirMembersAndTheStarterLeadsAGroupChat() {
		Room direct = other(RoomKind.DIRECT, false);
		Room chat = other(RoomKind.CHAT, false);
		assertThat(RoomAccess.rights(direct, null, null, null, Role.PUPIL, Instant.now())).isNull();
		assertThat(RoomAccess.rights(direct, null, "member", null, Role.PUPIL, Instant.now()).leader()).isFalse();
		assertThat(RoomAccess.rights(chat, null, "starter", null, Role.PUPIL, Instant.now()).leader()).isTrue();
		assertThat(RoomAccess.rights(chat, null, "member", null, Role.TEACHER, Instant.now()).leader()).isFalse();
		assertThat(RoomAccess.rights(chat, null, "former", null, Role.PUPIL, Instant.now())).as("only a gone group's room keeps former members").isNull();
	}

	@Test
	void everyoneReadsTheAnnouncementsWhichAdminsAndChosenStaffWrite() {
		Room announcements = other(RoomKind.ANNOUNCE, false);
		RoomRights pupil = RoomAccess.rights(announcements, null, null, null, Role.PUPIL, Instant.now());
		assertThat(pupil.mayPost()).isFalse();
		assertThat(pupil.refusalKey()).isEqualTo("chat.error.announcementsOnly");
		assertThat(RoomAccess.rights(announcements, null, "poster", null, Role.TEACHER, Instant.now()).mayPost()).isTrue();
		RoomRights admin = RoomAccess.rights(announcements, null, null, null, Role.SCHOOL_ADMIN, Instant.now());
		assertThat(admin.mayPost()).isTrue();
		assertThat(admin.leader()).isTrue();
	}

	@Test
	void aLockedRoomIsForItsLeadersAndAMuteEndsOnTime() {
		Room locked = new Room(room.id(), room.schoolId(), group, "5a", false, 3, Instant.now(), RoomKind.GROUP, true, false);
		PersonGroup member = new PersonGroup(group, "5a", GroupKind.CLASS, false, false);
		PersonGroup leader = new PersonGroup(group, "5a", GroupKind.CLASS, false, true);
		assertThat(RoomAccess.rights(locked, member, null, null, Role.PUPIL, Instant.now()).refusalKey()).isEqualTo("chat.error.locked");
		assertThat(RoomAccess.rights(locked, leader, null, null, Role.TEACHER, Instant.now()).mayPost()).isTrue();

		Instant now = Instant.parse("2026-12-01T10:00:00Z");
		RoomRights muted = RoomAccess.rights(room, member, null, now.plusSeconds(900), Role.PUPIL, now);
		assertThat(muted.mayPost()).isFalse();
		assertThat(muted.mutedUntil()).isEqualTo(now.plusSeconds(900));
		assertThat(RoomAccess.rights(room, member, null, now.minusSeconds(1), Role.PUPIL, now).mayPost()).as("over").isTrue();
		RoomRights forGood = RoomAccess.rights(room, member, null, Instant.MAX, Role.PUPIL, now);
		assertThat(forGood.refusalKey()).isEqualTo("chat.error.mutedUntilLifted");
		assertThat(forGood.mutedUntil()).isNull();
		assertThat(RoomAccess.rights(room, leader, null, Instant.MAX, Role.TEACHER, now).mayPost()).as("leaders are never muted").isTrue();
	}

	@Test
	void aGoneGroupsRoomIsReadOnlyForThePeopleItHad() {
		Room gone = new Room(room.id(), room.schoolId(), group, "5a", true, 3, Instant.now(), RoomKind.GROUP, false, false);
		RoomRights former = RoomAccess.rights(gone, null, "former", null, Role.PUPIL, Instant.now());
		assertThat(former.mayPost()).isFalse();
		assertThat(RoomAccess.rights(gone, null, null, null, Role.PUPIL, Instant.now())).isNull();
	}

	private Room other(RoomKind kind, boolean archived) {
		return new Room(UUID.randomUUID(), room.schoolId(), null, "x", archived, 0, Instant.now(), kind, false, false);
	}
}
