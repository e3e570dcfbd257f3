package de.schulhaus.chat.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;

/**
 * {@code @Vorname Nachname} or {@code @login} of a member of the room: stored as a mention of that
 * account, and the person gets a notification (bell, and push to their devices) even when the room is
 * not open. Only the room's members can be mentioned; a text without {@code @} costs nothing.
 */
@Component
public class Mentions {

	private final GroupManagement groups;
	private final JdbcClient jdbc;
	private final Notifications notifications;
	private final RoomMembers members;
	private final AccountManagement accounts;

	Mentions(GroupManagement groups, JdbcClient jdbc, Notifications notifications, RoomMembers members, AccountManagement accounts) {
		this.members = members;
		this.accounts = accounts;
		this.groups = groups;
		this.jdbc = jdbc;
		this.notifications = notifications;
	}

	/**
	 * The people of the room that one can mention, by name: a roster room's group members, a direct or group chat's
	 * members. Nobody in the school's announcements (a mention there would notify a whole school).
	 */
	public List<Person> mentionable(Room room) {
		List<Person> people = switch (room.kind()) {
			case GROUP -> room.groupId() == null ? List.of()
					: groups.members(room.schoolId(), room.groupId()).stream().map(m -> new Person(m.accountId(), m.displayName(), m.login())).toList();
			case DIRECT, CHAT -> accounts.findAll(room.schoolId(), members.of(room.schoolId(), room.id(), List.of("starter", "member"))).stream()
				.map(a -> new Person(a.id(), a.displayName(), a.login())).toList();
			default -> List.of();
		};
		return people.stream().sorted(java.util.Comparator.comparing(Person::name, String.CASE_INSENSITIVE_ORDER)).toList();
	}

	/** The members of the room that the text mentions, the author too if they mention themselves. */
	List<UUID> in(Room room, String body) {
		if (body.indexOf('@') < 0) {
			return List.of();
		}
		Set<UUID> found = new LinkedHashSet<>();
		for (Person member : mentionable(room)) {
			for (String name : new String[] { member.name(), member.login() }) {
				if (name != null && !name.isBlank() && mentions(body, name)) {
					found.add(member.accountId());
				}
			}
		}
		return List.copyOf(found);
	}

	static boolean mentions(String body, String name) {
		return Pattern.compile("(?<![\\p{L}\\p{N}_.@])@" + Pattern.quote(name) + "(?![\\p{L}\\p{N}_])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
			.matcher(body).find();
	}

	/**
	 * Stores the message's mentions (replacing what it had) and notifies those mentioned now who were not before,
	 * except the author.
	 */
	void store(UUID schoolId, Room room, UUID messageId, Collection<UUID> before, Collection<UUID> now, UUID authorId, String authorName) {
		// a mention the edit keeps keeps its time and what the mail digest decided about it
		if (now.isEmpty()) {
			jdbc.sql("delete from chat_mention where school_id = :school and message_id = :id").param("school", schoolId).param("id", messageId).update();
		} else {
			jdbc.sql("delete from chat_mention where school_id = :school and message_id = :id and account_id not in (:now)")
				.param("school", schoolId).param("id", messageId).param("now", List.copyOf(now)).update();
		}
		Timestamp at = Timestamp.from(Instant.now());
		for (UUID account : now) {
			jdbc.sql("insert into chat_mention (message_id, school_id, account_id, mentioned_at) values (:id, :school, :account, :at) "
					+ "on conflict do nothing")
				.param("id", messageId).param("school", schoolId).param("account", account).param("at", at).update();
		}
		List<UUID> newly = new ArrayList<>(now);
		newly.removeAll(before);
		newly.remove(authorId);
		if (!newly.isEmpty()) {
			notifications.notifyAll(schoolId, newly, Notification.of("chat.mention", "chat.notification.mention", "/chat/raum/" + room.id(),
					authorName == null ? "" : authorName, room.name()));
		}
	}

	/** Someone one can mention in a room. */
	public record Person(UUID accountId, String name, String login) {
	}
}
