package de.schulhaus.chat.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.PersonGroup;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * Who may read and post where, decided at each request: a roster group's room from the roster as it is
 * at this moment (never from a copy), direct and group chats from their stored members, the school's
 * announcements for everyone. A room the person may not read answers exactly like a missing one,
 * whatever school it belongs to.
 */
@Service
public class RoomAccess {

	/** Stands in for "no groups" in an {@code in (...)} list, which may not be empty. */
	private static final UUID NONE = new UUID(0, 0);
	/** The message key of the announcement room's name. */
	static final String ANNOUNCEMENTS_NAME = "chat.room.announcements";

	private final JdbcClient jdbc;
	private final GroupManagement groups;
	private final AccountManagement accounts;
	private final MessageSource texts;

	RoomAccess(JdbcClient jdbc, GroupManagement groups, AccountManagement accounts, MessageSource texts) {
		this.texts = texts;
		this.jdbc = jdbc;
		this.groups = groups;
		this.accounts = accounts;
	}

	/** The rooms the person may read now, most recently active first (archived ones too). */
	public List<RoomRights> readable(SchulhausUser user) {
		if (user.schoolId() == null) {
			return List.of();
		}
		Map<UUID, PersonGroup> mine = myGroups(user);
		List<Candidate> candidates = candidates(user, mine, null);
		Map<UUID, String> others = directPartners(user, candidates);
		List<RoomRights> rights = new ArrayList<>();
		for (Candidate c : candidates) {
			RoomRights r = rights(c.room(), mine.get(c.room().groupId()), c.role(), c.mute(), user.role(), Instant.now());
			// the announcements are listed once there is one (or for those who write them)
			if (r != null && (r.room().kind() != RoomKind.ANNOUNCE || r.room().lastSeq() > 0 || r.mayPost())) {
				rights.add(named(user, r, others));
			}
		}
		return rights;
	}

	public RoomRights require(SchulhausUser user, UUID roomId) {
		return find(user, roomId).orElseThrow(() -> new NotFoundException("room"));
	}

	public Optional<RoomRights> find(SchulhausUser user, UUID roomId) {
		if (user.schoolId() == null || roomId == null) {
			return Optional.empty();
		}
		Map<UUID, PersonGroup> mine = myGroups(user);
		List<Candidate> candidates = candidates(user, mine, roomId);
		if (candidates.isEmpty()) {
			return Optional.empty();
		}
		Candidate c = candidates.get(0);
		RoomRights r = rights(c.room(), mine.get(c.room().groupId()), c.role(), c.mute(), user.role(), Instant.now());
		return Optional.ofNullable(r).map(found -> named(user, found, directPartners(user, candidates)));
	}

	/** {@link #rights(Room, PersonGroup, String, Instant, Role, Instant)} for a roster room without a mute. */
	static RoomRights rights(Room room, PersonGroup membership) {
		return rights(room, membership, null, null, Role.PUPIL, Instant.now());
	}

	/**
	 * The rule itself. Roster rooms: the group's members read (archived ones too, for looking back),
	 * its leaders lead; once the group is gone, those it had read. Direct and group chats: their members;
	 * a group chat's starter leads. Announcements: everyone reads; admins lead, they and the staff they
	 * chose post. Posting needs a room that is not archived, not locked (except for leaders) and no mute.
	 *
	 * @param storedRole the person's row in chat_member ({@code starter}, {@code member}, {@code poster}, {@code former}) or null
	 * @param mute the person's mute in the room: null none, else its end ({@link Instant#MAX}: until lifted)
	 */
	static RoomRights rights(Room room, PersonGroup membership, String storedRole, Instant mute, Role role, Instant now) {
		boolean leader;
		boolean poster = true;
		switch (room.kind()) {
			case GROUP -> {
				boolean member = membership != null && membership.groupId().equals(room.groupId());
				if (!member && !"former".equals(storedRole)) {
					return null;
				}
				if (!member) {
					return new RoomRights(room, false, false, "chat.error.archived", null, false);
				}
				leader = membership.leader();
				if (membership.archived()) {
					return new RoomRights(room, false, leader, "chat.error.archived", null, false);
				}
			}
			case DIRECT, CHAT -> {
				if (!"starter".equals(storedRole) && !"member".equals(storedRole)) {
					return null;
				}
				leader = room.kind() == RoomKind.CHAT && "starter".equals(storedRole);
			}
			case ANNOUNCE -> {
				leader = role == Role.SCHOOL_ADMIN;
				poster = leader || "poster".equals(storedRole);
			}
			default -> {
				return null;
			}
		}
		boolean muted = mute != null && mute.isAfter(now) && !leader;
		Instant until = muted && !Instant.MAX.equals(mute) ? mute : null;
		String refusal = room.archived() ? "chat.error.archived"
				: !poster ? "chat.error.announcementsOnly"
				: room.locked() && !leader ? "chat.error.locked"
				: muted ? (until == null ? "chat.error.mutedUntilLifted" : "chat.error.muted")
				: null;
		return new RoomRights(room, refusal == null, leader, refusal, until, muted);
	}

	/**
	 * The person {@code :author}'s membership of the room {@code r}'s roster group, if that group is not archived, from the
	 * accounts module's view ({@link GroupManagement#CURRENT_MEMBERSHIP}): inside the write, not a query of its own.
	 */
	private static String inGroup(String andAlso) {
		return "exists (select 1 from " + GroupManagement.CURRENT_MEMBERSHIP + " pm where pm.group_id = r.group_id "
				+ "and pm.account_id = :author and pm.school_id = r.school_id" + andAlso + ")";
	}

	/** Whether the person {@link #POSTING_RULE} describes leads the room {@code r}, as {@link #rights} decides it. */
	static final String LEADER_RULE = "((r.kind = 'GROUP' and " + inGroup(" and pm.leader = true") + ") "
			+ "or (r.kind = 'CHAT' and exists (select 1 from chat_member cm where cm.room_id = r.id and cm.account_id = :author and cm.role = 'starter')) "
			+ "or (r.kind = 'ANNOUNCE' and cast(:admin as boolean)))";

	/**
	 * {@link #rights}' posting rule as a condition on the room's row {@code r} for the person {@code :author} (a school admin
	 * if {@code :admin}; the time {@code :now}), so that a post can check it inside its write
	 * ({@link NewMessageRows#insertIfAllowed}). It never allows more than {@link #rights}; {@code RoomRightsSqlTests} checks
	 * both agree over every kind, role, membership, lock, mute and archived state. A person it refuses gets the full check,
	 * which says why.
	 */
	static final String POSTING_RULE = "r.archived = false and r.closed = false and r.group_gone = false and ("
			+ "(r.kind = 'GROUP' and " + inGroup("") + ") "
			+ "or (r.kind in ('DIRECT', 'CHAT') and exists (select 1 from chat_member cm where cm.room_id = r.id and cm.account_id = :author "
			+ "and cm.role in ('starter', 'member'))) "
			+ "or (r.kind = 'ANNOUNCE' and (cast(:admin as boolean) or exists (select 1 from chat_member cm where cm.room_id = r.id "
			+ "and cm.account_id = :author and cm.role = 'poster')))) "
			+ "and (" + LEADER_RULE + " or (r.locked = false and not exists (select 1 from chat_mute mu where mu.room_id = r.id and mu.account_id = :author "
			+ "and (mu.until_at is null or mu.until_at > cast(:now as timestamp with time zone)))))";

	/** What {@link #POSTING_RULE} needs to know of a person besides the database: who they are and whether they are an admin. */
	static Poster poster(SchulhausUser user) {
		return new Poster(user.accountId(), user.role() == Role.SCHOOL_ADMIN);
	}

	/** A person for {@link #POSTING_RULE}: the parameters {@code :author} and {@code :admin}. */
	record Poster(UUID accountId, boolean admin) {
	}

	private List<Candidate> candidates(SchulhausUser user, Map<UUID, PersonGroup> mine, UUID onlyRoom) {
		List<UUID> groupIds = mine.isEmpty() ? List.of(NONE) : List.copyOf(mine.keySet());
		return jdbc.sql("select " + ChatRooms.COLUMNS + ", cm.role as my_role, mu.until_at, mu.account_id as muted from "
				+ (onlyRoom == null ? "chat_room r " : ChatRooms.BY_ID + " ")
				+ "left join chat_member cm on cm.room_id = r.id and cm.account_id = :me "
				+ "left join chat_mute mu on mu.room_id = r.id and mu.account_id = :me "
				+ "where r.school_id = :school "
				+ "and ((r.group_id in (:groups) and r.group_gone = false) or cm.account_id is not null or r.kind = 'ANNOUNCE') "
				+ "order by r.last_activity_at desc, r.id")
			.param("me", user.accountId()).param("school", user.schoolId()).param("groups", groupIds).param("id", onlyRoom)
			.query((rs, n) -> {
				Timestamp until = rs.getTimestamp("until_at");
				Instant mute = rs.getObject("muted") == null ? null : until == null ? Instant.MAX : until.toInstant();
				return new Candidate(ChatRooms.map(rs, n), rs.getString("my_role"), mute);
			}).list();
	}

	/** The other person of each direct chat, whose name the chat shows. */
	private Map<UUID, String> directPartners(SchulhausUser user, List<Candidate> candidates) {
		List<UUID> direct = candidates.stream().filter(c -> c.room().kind() == RoomKind.DIRECT).map(c -> c.room().id()).toList();
		if (direct.isEmpty()) {
			return Map.of();
		}
		Map<UUID, UUID> partnerOf = new HashMap<>();
		for (Candidate c : candidates) {
			if (c.room().kind() == RoomKind.DIRECT && c.room().name() != null) {
				// the key is the pair "a:b"; the partner is the one who is not the viewer
				String key = directKeyOf(c.room());
				if (key != null) {
					for (String part : key.split(":")) {
						UUID id = UUID.fromString(part);
						if (!id.equals(user.accountId())) {
							partnerOf.put(c.room().id(), id);
						}
					}
				}
			}
		}
		Map<UUID, String> names = accounts.names(user.schoolId(), partnerOf.values().stream().distinct().toList());
		return partnerOf.entrySet().stream().filter(e -> names.get(e.getValue()) != null)
			.collect(Collectors.toMap(Map.Entry::getKey, e -> names.get(e.getValue())));
	}

	/** A direct chat's name is its pair key (the two account ids), stored as the room's name too. */
	static String directKeyOf(Room room) {
		return room.kind() == RoomKind.DIRECT && room.name() != null && room.name().contains(":") ? room.name() : null;
	}

	/** The name the person sees: a direct chat's other person, the announcements' in the person's language. */
	private RoomRights named(SchulhausUser user, RoomRights r, Map<UUID, String> others) {
		Room room;
		if (r.room().kind() == RoomKind.DIRECT) {
			room = r.room().named(Objects.requireNonNullElse(others.get(r.room().id()), "–"));
		} else if (r.room().kind() == RoomKind.ANNOUNCE) {
			room = r.room().named(announcementsName(user));
		} else {
			return r;
		}
		return new RoomRights(room, r.mayPost(), r.leader(), r.refusalKey(), r.mutedUntil(), r.muted());
	}

	/**
	 * The announcement room's name in the person's language (their own setting, as the pages use it; also where there is
	 * no request, like a mail): the stored name ("Ankündigungen", kept for the audit log) is not shown, the room is known
	 * by its kind.
	 */
	String announcementsName(SchulhausUser user) {
		return texts.getMessage(ANNOUNCEMENTS_NAME, null, "Ankündigungen", user.locale());
	}

	private Map<UUID, PersonGroup> myGroups(SchulhausUser user) {
		return groups.groupsOfPerson(user.schoolId(), user.accountId()).stream()
			.collect(Collectors.toMap(PersonGroup::groupId, Function.identity(), (a, b) -> a));
	}

	private record Candidate(Room room, String role, Instant mute) {
	}
}
