/**
 * Messenger: a room per class, course and staff group that follows the roster (who reads it is the
 * group's members at each request), direct and group chats, the school's announcements, moderation by
 * the rooms' leaders and the school's rules; messages numbered without gaps per room, so a client catches up
 * exactly from its last seen number, over HTTP ({@code chat.web}) and live over WebSocket at {@code /ws}
 * ({@code chat.ws}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "schools", "accounts", "contacts", "push", "files", "calendar" })
package de.schulhaus.chat;
