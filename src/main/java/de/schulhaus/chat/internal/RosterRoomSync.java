package de.schulhaus.chat.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.accounts.GroupsChanged;
import de.schulhaus.accounts.MembershipsChanged;
import de.schulhaus.schools.SchoolDeleted;

/**
 * Keeps the rooms in step with the roster's groups (durable events: a node dying half-way leaves the
 * work to the next). Who reads a room is never copied, it is read from the roster on every request;
 * membership changes only tell live connections to look again, and people who may no longer sign in
 * lose their live connections.
 */
@Component
class RosterRoomSync {

	private final GroupRooms rooms;
	private final ChatFanout fanout;

	RosterRoomSync(GroupRooms rooms, ChatFanout fanout) {
		this.rooms = rooms;
		this.fanout = fanout;
	}

	@ApplicationModuleListener
	void on(GroupsChanged event) {
		rooms.follow(event.schoolId(), event.changes().stream().map(GroupsChanged.Change::groupId).toList());
	}

	@ApplicationModuleListener
	void on(MembershipsChanged event) {
		fanout.roomsChanged(event.schoolId(), event.changes().stream().map(MembershipsChanged.Change::accountId).distinct().toList());
	}

	@ApplicationModuleListener
	void on(AccountsChanged event) {
		List<UUID> closed = event.changes().stream()
			.filter(c -> c.kind() == AccountsChanged.Kind.DELETED || c.status() != AccountStatus.ACTIVE)
			.map(AccountsChanged.Change::accountId).toList();
		if (!closed.isEmpty()) {
			fanout.accountsClosed(event.schoolId(), closed);
		}
	}

	@ApplicationModuleListener
	void on(SchoolDeleted event) {
		rooms.forgetSchool(event.schoolId());
	}
}
