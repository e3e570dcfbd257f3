package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.PersonGroup;

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
}
