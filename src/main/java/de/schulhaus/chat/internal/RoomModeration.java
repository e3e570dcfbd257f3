package de.schulhaus.chat.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Membership;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * What a room's leaders do: lock the room (only leaders post), mute a member for a while or until
 * lifted, remove a member (from a direct or group chat; in a roster room, which follows the roster,
 * that is a mute until lifted), pin messages, archive the room. Each action is in the audit log.
 */
@Service
public class RoomModeration {

	/** The mutes a leader chooses from. */
	public enum MuteLength {
		MINUTES_15(Duration.ofMinutes(15)), HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1)), UNTIL_LIFTED(null);

		private final Duration length;

		MuteLength(Duration length) {
			this.length = length;
		}

		public Duration length() {
			return length;
		}
	}

	private final JdbcClient jdbc;
	private final RoomAccess access;
	private final ChatRooms rooms;
	private final RoomMembers members;
	private final GroupManagement groups;
	private final AuditLog audit;
	private final ChatFanout fanout;
	private final AccountManagement accounts;
	private final MessageRows rows;

	RoomModeration(JdbcClient jdbc, RoomAccess access, ChatRooms rooms, RoomMembers members, GroupManagement groups, AuditLog audit,
			ChatFanout fanout, AccountManagement accounts, MessageRows rows) {
		this.rows = rows;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.access = access;
		this.rooms = rooms;
		this.members = members;
		this.groups = groups;
		this.audit = audit;
		this.fanout = fanout;
	}

	@Transactional
	public void lock(SchulhausUser user, UUID roomId, boolean locked) {
		Room room = lead(user, roomId);
		if (rooms.setFlag(user.schoolId(), roomId, "locked", locked)) {
			audit.record(user, locked ? "chat.room.locked" : "chat.room.unlocked", target(room), null);
			everyoneLooksAgain(user.schoolId());
		}
	}

	/** Archives the room (read-only, under "Archiv") or brings it back; not direct chats, which have no leader. */
	@Transactional
	public void archive(SchulhausUser user, UUID roomId, boolean archived) {
		Room room = lead(user, roomId);
		if (rooms.setFlag(user.schoolId(), roomId, "closed", archived)) {
			audit.record(user, archived ? "chat.room.archived" : "chat.room.restored", target(room), null);
			everyoneLooksAgain(user.schoolId());
		}
	}

	/**
	 * Mutes a member of the room: they read on but cannot post until the mute ends; answers its end (null: until lifted).
	 * No length (one the caller could not name) is refused once the room and the person are found.
	 */
	@Transactional
	public Instant mute(SchulhausUser user, UUID roomId, UUID accountId, MuteLength length) {
		Room room = lead(user, roomId);
		String who = member(user, room, accountId);
		if (length == null) {
			throw new InvalidInputException("duration", "chat.moderation.error.duration");
		}
		// to the millisecond, as the database keeps it: the answer and the room list say the same end
		Instant until = length.length() == null ? null : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plus(length.length());
		setMute(user, room, accountId, until);
		audit.record(user, "chat.member.muted", target(room), who + " " + (until == null ? "until lifted" : "until " + until));
		return until;
	}

	@Transactional
	public void unmute(SchulhausUser user, UUID roomId, UUID accountId) {
		Room room = lead(user, roomId);
		String who = member(user, room, accountId);
		if (jdbc.sql("delete from chat_mute where school_id = :school and room_id = :room and account_id = :account")
			.param("school", user.schoolId()).param("room", roomId).param("account", accountId).update() > 0) {
			audit.record(user, "chat.member.unmuted", target(room), who);
			AfterCommit.run(() -> fanout.roomsChanged(user.schoolId(), List.of(accountId)));
		}
	}

	/** Removes a member from a group chat; in a roster room (which follows the roster) mutes them until lifted. */
	@Transactional
	public void remove(SchulhausUser user, UUID roomId, UUID accountId) {
		Room room = lead(user, roomId);
		String who = member(user, room, accountId);
		if (room.kind() == RoomKind.CHAT) {
			members.remove(user.schoolId(), roomId, accountId);
			members.handOver(user.schoolId(), roomId);
			audit.record(user, "chat.member.removed", target(room), who);
		} else {
			setMute(user, room, accountId, null);
			audit.record(user, "chat.member.muted", target(room), who + " until lifted (removed from a roster room)");
		}
		AfterCommit.run(() -> fanout.roomsChanged(user.schoolId(), List.of(accountId)));
	}

	/** Pins one of the room's messages (shown at the top) or unpins it. */
	@Transactional
	public void pin(SchulhausUser user, UUID roomId, UUID messageId, boolean pinned) {
		Room room = lead(user, roomId);
		Long seq = jdbc.sql("select seq from chat_message where school_id = :school and room_id = :room and id = :id")
			.param("school", user.schoolId()).param("room", roomId).param("id", messageId).query(Long.class).optional()
			.orElseThrow(() -> new NotFoundException("message"));
		int changed = pinned
				? jdbc.sql("insert into chat_pin (room_id, message_id, school_id, pinned_by, pinned_at) values (:room, :id, :school, :by, :now) "
						+ "on conflict do nothing")
					.param("room", roomId).param("id", messageId).param("school", user.schoolId()).param("by", user.accountId())
					.param("now", Timestamp.from(Instant.now())).update()
				: jdbc.sql("delete from chat_pin where school_id = :school and room_id = :room and message_id = :id")
					.param("school", user.schoolId()).param("room", roomId).param("id", messageId).update();
		if (changed > 0) {
			audit.record(user, pinned ? "chat.message.pinned" : "chat.message.unpinned", target(room), "message " + seq);
		}
	}

	/** The room's pinned messages, newest pin first. */
	public List<ChatMessage> pinned(SchulhausUser user, UUID roomId) {
		access.require(user, roomId);
		// as readers see them now (a deleted message's pin shows no more)
		return rows.query(user.schoolId(), "join chat_pin p on p.message_id = m.id where p.school_id = :school and p.room_id = :room "
				+ "and m.deleted_at is null order by p.pinned_at desc", java.util.Map.of("school", user.schoolId(), "room", roomId));
	}

	/** The room's current mutes: who, and until when (null: until lifted). */
	public List<Mute> mutes(SchulhausUser user, UUID roomId) {
		lead(user, roomId);
		Instant now = Instant.now();
		return jdbc.sql("select account_id, until_at from chat_mute where school_id = :school and room_id = :room")
			.param("school", user.schoolId()).param("room", roomId)
			.query((rs, n) -> new Mute(rs.getObject(1, UUID.class), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant())).list()
			.stream().filter(m -> m.until() == null || m.until().isAfter(now)).toList();
	}

	/** Turns Web Push for this room off (or on again) for the person themselves. */
	@Transactional
	public void silence(SchulhausUser user, UUID roomId, boolean silenced) {
		access.require(user, roomId);
		if (silenced) {
			jdbc.sql("insert into chat_silenced (room_id, school_id, account_id) values (:room, :school, :account) on conflict do nothing")
				.param("room", roomId).param("school", user.schoolId()).param("account", user.accountId()).update();
		} else {
			jdbc.sql("delete from chat_silenced where school_id = :school and room_id = :room and account_id = :account")
				.param("school", user.schoolId()).param("room", roomId).param("account", user.accountId()).update();
		}
	}

	public boolean silenced(SchulhausUser user, UUID roomId) {
		return jdbc.sql("select count(*) from chat_silenced where school_id = :school and room_id = :room and account_id = :account")
			.param("school", user.schoolId()).param("room", roomId).param("account", user.accountId()).query(Long.class).single() > 0;
	}

	public record Mute(UUID accountId, Instant until) {
	}

	private void setMute(SchulhausUser user, Room room, UUID accountId, Instant until) {
		Timestamp end = until == null ? null : Timestamp.from(until);
		int updated = jdbc.sql("update chat_mute set until_at = :until, muted_by = :by, muted_at = :now where school_id = :school and room_id = :room "
				+ "and account_id = :account")
			.param("until", end).param("by", user.accountId()).param("now", Timestamp.from(Instant.now())).param("school", user.schoolId())
			.param("room", room.id()).param("account", accountId).update();
		if (updated == 0) {
			jdbc.sql("insert into chat_mute (room_id, school_id, account_id, until_at, muted_by, muted_at) values (:room, :school, :account, :until, :by, :now)")
				.param("room", room.id()).param("school", user.schoolId()).param("account", accountId).param("until", end)
				.param("by", user.accountId()).param("now", Timestamp.from(Instant.now())).update();
		}
		AfterCommit.run(() -> fanout.roomsChanged(user.schoolId(), List.of(accountId)));
	}

	/** The room, if the person leads it; a room they only read is refused, one they do not read is a 404. */
	private Room lead(SchulhausUser user, UUID roomId) {
		RoomRights rights = access.require(user, roomId);
		if (!rights.leader()) {
			throw new NotAllowedException("chat.error.notLeader");
		}
		return rights.room();
	}

	/** The login of a person who reads the room (not a leader of it); anyone else is a 404. */
	private String member(SchulhausUser user, Room room, UUID accountId) {
		if (accountId.equals(user.accountId())) {
			throw new NotAllowedException("chat.error.notYourself");
		}
		switch (room.kind()) {
			case GROUP -> {
				Membership m = groups.members(user.schoolId(), room.groupId()).stream().filter(x -> x.accountId().equals(accountId)).findFirst()
					.orElseThrow(() -> new NotFoundException("account"));
				if (m.leader()) {
					throw new NotAllowedException("chat.error.leaderNotMuted");
				}
				return m.login();
			}
			case CHAT, DIRECT -> {
				if (!members.of(user.schoolId(), room.id(), List.of("member")).contains(accountId)) {
					throw new NotFoundException("account");
				}
			}
			default -> throw new NotFoundException("account");
		}
		return accounts.find(user.schoolId(), accountId).map(a -> a.login()).orElse("account:" + accountId);
	}

	private static String target(Room room) {
		return "chat-room:" + room.id() + " " + room.name();
	}

	private void everyoneLooksAgain(UUID schoolId) {
		AfterCommit.run(() -> fanout.roomsChanged(schoolId, null));
	}
}
