package de.schulhaus.chat.internal;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.Account;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Role;
import de.schulhaus.push.PushFilter;

/**
 * Holds back the messenger's Web Push (notifications of kind {@code chat.*}): for pupils in the school's
 * quiet hours, and for anyone who muted the room ("Stummschalten") the notification links to. Under the
 * bell they stay either way.
 */
@Component
class ChatPushFilter implements PushFilter {

	private static final Pattern ROOM_LINK = Pattern.compile("^/chat/raum/([0-9a-fA-F-]{36})");

	private final SchoolChatRules rules;
	private final JdbcClient jdbc;
	private final Clock clock;

	@Autowired
	ChatPushFilter(SchoolChatRules rules, JdbcClient jdbc) {
		this(rules, jdbc, Clock.systemUTC());
	}

	ChatPushFilter(SchoolChatRules rules, JdbcClient jdbc, Clock clock) {
		this.rules = rules;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public Set<UUID> heldBack(UUID schoolId, Collection<Account> people, Notification notification) {
		if (!notification.kind().startsWith("chat.") || people.isEmpty()) {
			return Set.of();
		}
		Set<UUID> held = new HashSet<>();
		if (rules.of(schoolId).quietAt(ZonedDateTime.now(clock))) {
			people.stream().filter(p -> p.role() == Role.PUPIL).forEach(p -> held.add(p.id()));
		}
		Matcher room = ROOM_LINK.matcher(notification.link());
		if (room.find() && held.size() < people.size()) {
			// those who muted the room: a handful at most, whatever the room's size
			Set<UUID> muted = new HashSet<>(jdbc.sql("select account_id from chat_silenced where school_id = :school and room_id = :room")
				.param("school", schoolId).param("room", UUID.fromString(room.group(1))).query(UUID.class).list());
			people.stream().map(Account::id).filter(muted::contains).forEach(held::add);
		}
		return held;
	}
}
