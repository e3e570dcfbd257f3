package de.schulhaus.chat.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.PersonGroup;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Who may read and post where, decided from the roster as it is at this moment (never from a copy):
 * a group's room is its members'. A room the person may not read answers exactly like a missing one,
 * whatever school it belongs to.
 */
@Service
public class RoomAccess {

	private final ChatRooms rooms;
	private final GroupManagement groups;

	RoomAccess(ChatRooms rooms, GroupManagement groups) {
		this.rooms = rooms;
		this.groups = groups;
	}

	/** The rooms the person may read now, most recently active first. */
	public List<RoomRights> readable(SchulhausUser user) {
		if (user.schoolId() == null) {
			return List.of();
		}
		Map<UUID, PersonGroup> mine = myGroups(user);
		return rooms.ofGroups(user.schoolId(), mine.keySet()).stream().map(room -> rights(room, mine.get(room.groupId()))).toList();
	}

	public RoomRights require(SchulhausUser user, UUID roomId) {
		if (user.schoolId() == null) {
			throw new NotFoundException("room");
		}
		Room room = rooms.find(user.schoolId(), roomId).orElseThrow(() -> new NotFoundException("room"));
		RoomRights rights = rights(room, myGroups(user).get(room.groupId()));
		if (rights == null) {
			throw new NotFoundException("room");
		}
		return rights;
	}

	/**
	 * The rule itself: members read their group's room (archived ones too, for looking back) and post
	 * while the group is not archived; everyone else has no room at all (null).
	 */
	static RoomRights rights(Room room, PersonGroup membership) {
		if (membership == null || !membership.groupId().equals(room.groupId())) {
			return null;
		}
		return new RoomRights(room, !room.archived() && !membership.archived(), membership.leader());
	}

	private Map<UUID, PersonGroup> myGroups(SchulhausUser user) {
		return groups.groupsOfPerson(user.schoolId(), user.accountId()).stream()
			.collect(Collectors.toMap(PersonGroup::groupId, Function.identity(), (a, b) -> a));
	}
}
