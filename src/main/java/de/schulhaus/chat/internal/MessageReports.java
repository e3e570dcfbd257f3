package de.schulhaus.chat.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Membership;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * Members report a message to the room's leaders (a direct chat has none: its reports go to the
 * school's admins); they are told under the bell, see the open reports and mark them done. Reporting
 * and settling are in the audit log.
 */
@Service
public class MessageReports {

	public static final int MAX_REASON = 500;

	private final JdbcClient jdbc;
	private final RoomAccess access;
	private final RoomMembers members;
	private final GroupManagement groups;
	private final AccountManagement accounts;
	private final Notifications notifications;
	private final AuditLog audit;
	private final MessageRows rows;

	MessageReports(JdbcClient jdbc, RoomAccess access, RoomMembers members, GroupManagement groups, AccountManagement accounts,
			Notifications notifications, AuditLog audit, MessageRows rows) {
		this.rows = rows;
		this.jdbc = jdbc;
		this.access = access;
		this.members = members;
		this.groups = groups;
		this.accounts = accounts;
		this.notifications = notifications;
		this.audit = audit;
	}

	/** Reports the message; a second report of the same message by the same person changes nothing. */
	@Transactional
	public void report(SchulhausUser user, UUID roomId, UUID messageId, String reason) {
		Room room = access.require(user, roomId).room();
		String why = reason == null ? null : reason.strip();
		if (why != null && why.length() > MAX_REASON) {
			throw new InvalidInputException("grund", "chat.report.error.reason", MAX_REASON);
		}
		Long seq = jdbc.sql("select seq from chat_message where school_id = :school and room_id = :room and id = :id")
			.param("school", user.schoolId()).param("room", roomId).param("id", messageId).query(Long.class).optional()
			.orElseThrow(() -> new NotFoundException("message"));
		int made = jdbc.sql("insert into chat_report (id, room_id, message_id, school_id, reporter_id, reason, created_at) "
				+ "values (:id, :room, :message, :school, :by, :reason, :now) on conflict do nothing")
			.param("id", Ids.newId()).param("room", roomId).param("message", messageId).param("school", user.schoolId())
			.param("by", user.accountId()).param("reason", why == null || why.isEmpty() ? null : why).param("now", Timestamp.from(Instant.now()))
			.update();
		if (made == 0) {
			return;
		}
		audit.record(user, "chat.message.reported", "chat-room:" + roomId + " " + room.name(), "message " + seq);
		List<UUID> handlers = handlers(user.schoolId(), room);
		handlers.remove(user.accountId());
		if (!handlers.isEmpty()) {
			notifications.notifyAll(user.schoolId(), handlers,
					Notification.of("chat.report", "chat.notification.report", "/chat/meldungen", room.kind() == RoomKind.DIRECT ? "Direktchat" : room.name()));
		}
	}

	/** One message of a room the person reads, for the report form. */
	public java.util.Optional<ChatMessage> reportable(SchulhausUser user, UUID roomId, UUID messageId) {
		access.require(user, roomId);
		return rows.query(user.schoolId(), "where m.school_id = :school and m.room_id = :room and m.id = :id",
				java.util.Map.of("school", user.schoolId(), "room", roomId, "id", messageId)).stream().findFirst();
	}

	/** The open reports the person handles, oldest first. */
	public List<OpenReport> open(SchulhausUser user) {
		List<UUID> rooms = handledRooms(user);
		if (rooms.isEmpty()) {
			return List.of();
		}
		List<OpenReport> reports = jdbc.sql("select p.id, p.room_id, r.name, r.kind, m.id as message_id, m.seq, m.author_id, m.body, m.created_at, "
				+ "p.reporter_id, p.reason, p.created_at as reported_at from chat_report p join chat_message m on m.id = p.message_id "
				+ "join chat_room r on r.id = p.room_id where p.school_id = :school and p.resolved_at is null and p.room_id in (:rooms) "
				+ "order by p.created_at, p.id")
			.param("school", user.schoolId()).param("rooms", rooms)
			.query((rs, n) -> new OpenReport(rs.getObject("id", UUID.class), rs.getObject("room_id", UUID.class),
					"DIRECT".equals(rs.getString("kind")) ? null : "ANNOUNCE".equals(rs.getString("kind")) ? access.announcementsName(user) : rs.getString("name"), rs.getObject("message_id", UUID.class), rs.getLong("seq"),
					rs.getObject("author_id", UUID.class), null, rs.getString("body"), rs.getTimestamp("created_at").toInstant(),
					rs.getObject("reporter_id", UUID.class), null, rs.getString("reason"), rs.getTimestamp("reported_at").toInstant()))
			.list();
		if (reports.isEmpty()) {
			return reports;
		}
		List<UUID> people = new ArrayList<>();
		reports.forEach(r -> {
			people.add(r.authorId());
			people.add(r.reporterId());
		});
		Map<UUID, String> names = accounts.names(user.schoolId(), people.stream().distinct().toList());
		return reports.stream().map(r -> new OpenReport(r.id(), r.roomId(), r.roomName(), r.messageId(), r.seq(), r.authorId(),
				names.get(r.authorId()), r.body(), r.writtenAt(), r.reporterId(), names.get(r.reporterId()), r.reason(), r.reportedAt())).toList();
	}

	/** Marks an open report done ("erledigt"); another school's or a room the person does not handle is a 404. */
	@Transactional
	public void resolve(SchulhausUser user, UUID reportId) {
		List<UUID> rooms = handledRooms(user);
		UUID room = rooms.isEmpty() ? null : jdbc.sql("select room_id from chat_report where school_id = :school and id = :id and room_id in (:rooms)")
			.param("school", user.schoolId()).param("id", reportId).param("rooms", rooms).query(UUID.class).optional().orElse(null);
		if (room == null) {
			throw new NotFoundException("report");
		}
		if (jdbc.sql("update chat_report set resolved_at = :now, resolved_by = :by where school_id = :school and id = :id and resolved_at is null")
			.param("now", Timestamp.from(Instant.now())).param("by", user.accountId()).param("school", user.schoolId()).param("id", reportId)
			.update() > 0) {
			audit.record(user, "chat.report.resolved", "chat-room:" + room, "report " + reportId);
		}
	}

	/** Who handles the room's reports: its leaders, or for a direct chat (and a room without leaders) the school's admins. */
	private List<UUID> handlers(UUID schoolId, Room room) {
		List<UUID> leaders = new ArrayList<>(switch (room.kind()) {
			case GROUP -> room.groupId() == null ? List.<UUID>of()
					: groups.find(schoolId, room.groupId()).isEmpty() ? List.<UUID>of()
					: groups.members(schoolId, room.groupId()).stream().filter(Membership::leader).map(Membership::accountId).toList();
			case CHAT -> members.of(schoolId, room.id(), List.of("starter"));
			default -> List.<UUID>of();
		});
		if (leaders.isEmpty()) {
			leaders.addAll(admins(schoolId));
		}
		return leaders;
	}

	/** The rooms whose reports the person handles: those they lead, and for admins direct chats and rooms without leaders. */
	private List<UUID> handledRooms(SchulhausUser user) {
		if (user.schoolId() == null) {
			return List.of();
		}
		List<UUID> rooms = new ArrayList<>(access.readable(user).stream().filter(RoomRights::leader).map(r -> r.room().id()).toList());
		if (user.role() == Role.SCHOOL_ADMIN) {
			List<UUID> reported = jdbc.sql("select distinct room_id from chat_report where school_id = :school and resolved_at is null")
				.param("school", user.schoolId()).query(UUID.class).list();
			for (UUID id : reported) {
				if (!rooms.contains(id)) {
					jdbc.sql("select " + ChatRooms.COLUMNS + " from " + ChatRooms.BY_ID + " where r.school_id = :school")
						.param("school", user.schoolId()).param("id", id).query(ChatRooms::map).optional()
						.filter(r -> handlers(user.schoolId(), r).contains(user.accountId())).ifPresent(r -> rooms.add(r.id()));
				}
			}
		}
		return rooms;
	}

	private List<UUID> admins(UUID schoolId) {
		return accounts.list(schoolId, null, Role.SCHOOL_ADMIN, 100, 0).stream().filter(a -> a.active()).map(a -> a.id()).toList();
	}

	/** An open report as its handler sees it (roomName null: a direct chat). */
	public record OpenReport(UUID id, UUID roomId, String roomName, UUID messageId, long seq, UUID authorId, String authorName, String body,
			Instant writtenAt, UUID reporterId, String reporterName, String reason, Instant reportedAt) {
	}
}
