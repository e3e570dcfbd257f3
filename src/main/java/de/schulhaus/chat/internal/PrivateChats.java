package de.schulhaus.chat.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.contacts.DirectoryVisibility;
import de.schulhaus.contacts.SchoolDirectory;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * Direct chats (one room per pair, found again rather than doubled) and group chats with a name that
 * anyone starts with people of their school they see in the directory; the school decides whether
 * pupils may write to pupils. Members leave; a group chat's starter adds people.
 */
@Service
public class PrivateChats {

	/** People in one group chat, the starter included. */
	public static final int MAX_MEMBERS = 50;
	public static final int MAX_NAME = 100;

	private final ChatRooms rooms;
	private final RoomMembers members;
	private final RoomAccess access;
	private final AccountManagement accounts;
	private final SchoolDirectory directory;
	private final SchoolChatRules rules;
	private final ChatFanout fanout;
	private final RoomCreationRate creations;

	PrivateChats(ChatRooms rooms, RoomMembers members, RoomAccess access, AccountManagement accounts, SchoolDirectory directory,
			SchoolChatRules rules, ChatFanout fanout, RoomCreationRate creations) {
		this.creations = creations;
		this.rooms = rooms;
		this.members = members;
		this.access = access;
		this.accounts = accounts;
		this.directory = directory;
		this.rules = rules;
		this.fanout = fanout;
	}

	/**
	 * The direct chat of the two, made the first time; answers its id.
	 *
	 * @throws TooManyRoomsException when it is new and the person started too many chats within the hour
	 */
	@Transactional
	public UUID direct(SchulhausUser user, UUID otherId) {
		Account other = reachable(user, List.of(otherId)).get(0);
		String key = pairKey(user.accountId(), other.id());
		if (rooms.byKey(user.schoolId(), key).isEmpty()) {
			creations.take(user.accountId());
		}
		UUID room = rooms.insertOther(user.schoolId(), RoomKind.DIRECT, key, key, user.accountId());
		boolean joined = members.add(user.schoolId(), room, user.accountId(), "member");
		joined |= members.add(user.schoolId(), room, other.id(), "member");
		if (joined) {
			changed(user.schoolId(), List.of(user.accountId(), other.id()));
		}
		return room;
	}

	/**
	 * A new group chat of the starter and these people; answers its id.
	 *
	 * @throws TooManyRoomsException when the person started too many chats within the hour
	 */
	@Transactional
	public UUID group(SchulhausUser user, String name, List<UUID> people) {
		String n = name == null ? "" : name.strip();
		if (n.isEmpty() || n.length() > MAX_NAME) {
			throw new InvalidInputException("name", "chat.new.error.name", MAX_NAME);
		}
		Set<UUID> others = new LinkedHashSet<>(people);
		others.remove(user.accountId());
		if (others.isEmpty()) {
			throw new InvalidInputException("personen", "chat.new.error.nobody");
		}
		if (others.size() + 1 > MAX_MEMBERS) {
			throw new InvalidInputException("personen", "chat.new.error.tooMany", MAX_MEMBERS);
		}
		List<Account> chosen = reachable(user, List.copyOf(others));
		creations.take(user.accountId());
		UUID room = rooms.insertOther(user.schoolId(), RoomKind.CHAT, n, null, user.accountId());
		members.add(user.schoolId(), room, user.accountId(), "starter");
		chosen.forEach(a -> members.add(user.schoolId(), room, a.id(), "member"));
		List<UUID> everyone = new ArrayList<>(others);
		everyone.add(user.accountId());
		changed(user.schoolId(), everyone);
		return room;
	}

	/** The starter adds people to a group chat (up to {@link #MAX_MEMBERS}); answers how many were new. */
	@Transactional
	public int add(SchulhausUser user, UUID roomId, List<UUID> people) {
		RoomRights rights = access.require(user, roomId);
		if (rights.room().kind() != RoomKind.CHAT || !rights.leader() || rights.room().archived()) {
			throw new NotAllowedException("chat.error.notLeader");
		}
		List<UUID> current = members.of(user.schoolId(), roomId, List.of("starter", "member"));
		Set<UUID> fresh = new LinkedHashSet<>(people);
		fresh.removeAll(current);
		if (fresh.isEmpty()) {
			return 0;
		}
		if (current.size() + fresh.size() > MAX_MEMBERS) {
			throw new InvalidInputException("personen", "chat.new.error.tooMany", MAX_MEMBERS);
		}
		reachable(user, List.copyOf(fresh)).forEach(a -> members.add(user.schoolId(), roomId, a.id(), "member"));
		changed(user.schoolId(), List.copyOf(fresh));
		return fresh.size();
	}

	/** The person leaves a direct or group chat; a starter who leaves hands the lead to the longest member. */
	@Transactional
	public void leave(SchulhausUser user, UUID roomId) {
		RoomRights rights = access.require(user, roomId);
		if (!rights.room().kind().storedMembers()) {
			throw new NotAllowedException("chat.error.cannotLeave");
		}
		members.remove(user.schoolId(), roomId, user.accountId());
		members.handOver(user.schoolId(), roomId);
		changed(user.schoolId(), List.of(user.accountId()));
	}

	/** The people the person may start a chat with (those the directory shows them, by the school's rule), by name, matching the query. */
	public List<Account> candidates(SchulhausUser user, String query, int limit) {
		if (user.schoolId() == null) {
			return List.of();
		}
		DirectoryVisibility visible = directory.visibleTo(user);
		ChatRules school = rules.of(user.schoolId());
		String q = query == null || query.isBlank() ? null : query.strip();
		return accounts.list(user.schoolId(), q, null, 1000, 0).stream()
			.filter(other -> other.active() && !other.id().equals(user.accountId()) && visible.seesPerson(other.id(), other.role())
					&& allowed(user.role(), other.role(), school))
			.limit(limit).toList();
	}

	/**
	 * The school rule: staff write to everyone, everyone writes to staff; pupils (and external people)
	 * to each other only where the school allows it.
	 */
	static boolean allowed(Role starter, Role other, ChatRules rules) {
		return DirectoryVisibility.seesAll(starter) || DirectoryVisibility.seesAll(other) || rules.pupilsDirect();
	}

	/** These people, each one the person may write to; anyone else (another school's, unknown, not visible) is a 404. */
	private List<Account> reachable(SchulhausUser user, List<UUID> ids) {
		if (user.schoolId() == null) {
			throw new NotFoundException("account");
		}
		Map<UUID, Account> found = accounts.findAll(user.schoolId(), ids).stream().collect(Collectors.toMap(Account::id, Function.identity()));
		DirectoryVisibility visible = directory.visibleTo(user);
		ChatRules school = rules.of(user.schoolId());
		List<Account> result = new ArrayList<>();
		for (UUID id : ids) {
			Account other = found.get(id);
			if (other == null || !other.active() || id.equals(user.accountId()) || !visible.seesPerson(id, other.role())) {
				throw new NotFoundException("account");
			}
			if (!allowed(user.role(), other.role(), school)) {
				throw new NotAllowedException("chat.error.pupilsDirect");
			}
			result.add(other);
		}
		return result;
	}

	static String pairKey(UUID a, UUID b) {
		return a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
	}

	private void changed(UUID schoolId, List<UUID> people) {
		AfterCommit.run(() -> fanout.roomsChanged(schoolId, people));
	}
}
