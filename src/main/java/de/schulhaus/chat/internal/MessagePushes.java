package de.schulhaus.chat.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Membership;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;

/**
 * Web Push for a new message to those who would want their phone to ring: everyone in a direct chat or a group
 * chat, everyone for an announcement, and a class or course room's members when one of its leaders (a teacher)
 * writes; in class rooms pupils' own talk reaches others only where they are mentioned ({@link Mentions}). It is
 * a push only, no entry under the bell (the chat's unread counts are that), titled with the author and the
 * room, never with the text, since a phone shows it on its lock screen. Quiet hours and muted rooms hold it back
 * ({@link ChatPushFilter}); the author and those the message mentions (they get the mention) are left out.
 */
@Component
class MessagePushes {

	private final RoomMembers members;
	private final GroupManagement groups;
	private final AccountManagement accounts;
	private final Notifications notifications;

	MessagePushes(RoomMembers members, GroupManagement groups, AccountManagement accounts, Notifications notifications) {
		this.members = members;
		this.groups = groups;
		this.accounts = accounts;
		this.notifications = notifications;
	}

	/**
	 * Whether a message in the room by this poster may ring anybody's phone (then {@link #posted} needs the posting
	 * transaction): not a pupil's in a class or course room.
	 */
	static boolean mayPush(RoomRights rights) {
		Room room = rights.room();
		return room.kind() != RoomKind.GROUP || rights.leader() && !room.archived() && room.groupId() != null;
	}

	/** In the posting transaction: the push goes out after the commit, and not at all if it rolls back. */
	void posted(UUID schoolId, RoomRights rights, UUID authorId, String authorName, Collection<UUID> mentioned) {
		if (!mayPush(rights)) {
			return;
		}
		Room room = rights.room();
		List<UUID> recipients = recipients(schoolId, room);
		if (recipients.isEmpty()) {
			return;
		}
		Set<UUID> people = new LinkedHashSet<>(recipients);
		people.remove(authorId);
		people.removeAll(mentioned);
		if (people.isEmpty()) {
			return;
		}
		String author = authorName == null ? "" : authorName;
		String link = "/chat/raum/" + room.id();
		Notification push = switch (room.kind()) {
			case DIRECT -> Notification.of("chat.message", "chat.notification.direct", link, author);
			case ANNOUNCE -> Notification.of("chat.message", "chat.notification.announcement", link, author);
			default -> Notification.of("chat.message", "chat.notification.message", link, author, room.name());
		};
		notifications.pushOnly(schoolId, people, push);
	}

	private List<UUID> recipients(UUID schoolId, Room room) {
		return switch (room.kind()) {
			case DIRECT, CHAT -> members.of(schoolId, room.id(), List.of("starter", "member"));
			case ANNOUNCE -> accounts.active(schoolId).stream().map(Account::id).toList();
			case GROUP -> groups.members(schoolId, room.groupId()).stream().map(Membership::accountId).toList();
		};
	}
}
