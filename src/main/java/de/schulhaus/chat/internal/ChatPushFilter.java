package de.schulhaus.chat.internal;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.AccountManagement;
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
	private final AccountManagement accounts;
	private final JdbcClient jdbc;
	private final Clock clock;

	@Autowired
	ChatPushFilter(SchoolChatRules rules, AccountManagement accounts, JdbcClient jdbc) {
		this(rules, accounts, jdbc, Clock.systemUTC());
	}

	ChatPushFilter(SchoolChatRules rules, AccountManagement accounts, JdbcClient jdbc, Clock clock) {
		this.rules = rules;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public boolean allows(UUID schoolId, UUID accountId, Notification notification) {
		if (!notification.kind().startsWith("chat.")) {
			return true;
		}
		ChatRules school = rules.of(schoolId);
		if (school.quietAt(ZonedDateTime.now(clock))
				&& accounts.find(schoolId, accountId).map(a -> a.role() == Role.PUPIL).orElse(false)) {
			return false;
		}
		Matcher room = ROOM_LINK.matcher(notification.link());
		if (room.find()) {
			return jdbc.sql("select count(*) from chat_silenced where school_id = :school and room_id = :room and account_id = :account")
				.param("school", schoolId).param("room", UUID.fromString(room.group(1))).param("account", accountId).query(Long.class).single() == 0;
		}
		return true;
	}
}
