package de.schulhaus.chat.internal;

/** What a room is: a roster group's, a direct chat of two, a group chat someone started, or the school's announcements. */
public enum RoomKind {

	GROUP, DIRECT, CHAT, ANNOUNCE;

	/** Rooms whose members are stored in chat_member (a roster group's come from the roster). */
	public boolean storedMembers() {
		return this == DIRECT || this == CHAT;
	}
}
