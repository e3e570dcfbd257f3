package de.schulhaus.chat.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/** The school's announcement room ("Ankündigungen"): everyone reads; admins and the staff they choose post. */
@Service
public class Announcements {

	private final ChatRooms rooms;
	private final GroupRooms groupRooms;
	private final RoomMembers members;
	private final AccountManagement accounts;
	private final AuditLog audit;
	private final ChatFanout fanout;

	Announcements(ChatRooms rooms, GroupRooms groupRooms, RoomMembers members, AccountManagement accounts, AuditLog audit, ChatFanout fanout) {
		this.rooms = rooms;
		this.groupRooms = groupRooms;
		this.members = members;
		this.accounts = accounts;
		this.audit = audit;
		this.fanout = fanout;
	}

	/** The school's announcement room, made if it has none yet. */
	@Transactional
	public Room room(UUID schoolId) {
		groupRooms.announcements(schoolId);
		return rooms.byKey(schoolId, GroupRooms.ANNOUNCEMENTS).orElseThrow();
	}

	/** The staff the admins chose to post (admins always post). */
	public List<Account> posters(SchulhausUser admin) {
		Room room = room(requireAdmin(admin));
		return accounts.findAll(admin.schoolId(), members.posters(admin.schoolId(), room.id()));
	}

	@Transactional
	public void addPoster(SchulhausUser admin, UUID accountId) {
		Room room = room(requireAdmin(admin));
		Account person = accounts.find(admin.schoolId(), accountId).orElseThrow(() -> new NotFoundException("account"));
		if (person.role() != Role.TEACHER && person.role() != Role.STAFF) {
			throw new InvalidInputException("accountId", "chat.announcements.error.staffOnly");
		}
		if (members.add(admin.schoolId(), room.id(), accountId, "poster")) {
			audit.record(admin, "chat.announcements.poster.added", "chat-room:" + room.id(), person.login());
			AfterCommit.run(() -> fanout.roomsChanged(admin.schoolId(), List.of(accountId)));
		}
	}

	@Transactional
	public void removePoster(SchulhausUser admin, UUID accountId) {
		Room room = room(requireAdmin(admin));
		Account person = accounts.find(admin.schoolId(), accountId).orElseThrow(() -> new NotFoundException("account"));
		if (members.remove(admin.schoolId(), room.id(), accountId)) {
			audit.record(admin, "chat.announcements.poster.removed", "chat-room:" + room.id(), person.login());
			AfterCommit.run(() -> fanout.roomsChanged(admin.schoolId(), List.of(accountId)));
		}
	}

	private static UUID requireAdmin(SchulhausUser admin) {
		if (admin.role() != Role.SCHOOL_ADMIN || admin.schoolId() == null) {
			throw new NotFoundException("setting");
		}
		return admin.schoolId();
	}
}
