package de.schulhaus.chat.web;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import de.schulhaus.accounts.ProtocolSecurity;
import de.schulhaus.accounts.Scope;
import de.schulhaus.chat.internal.UnreadTotal;
import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.BadgeProvider;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * The chat API's own filter chain: the web UI's scripts call it with the person's session and CSRF
 * token; programs with an app password of scope api. State-changing requests take JSON only, which no
 * page of another site can send without a CORS preflight this server never grants. And the
 * "Nachrichten" app with the number of messages the person has not read.
 */
@Configuration
class ChatWebConfiguration {

	static final String APP = "chat";

	@Bean
	@Order(ProtocolSecurity.UNDER_API_ORDER)
	SecurityFilterChain chatApiChain(HttpSecurity http, ProtocolSecurity protocols) throws Exception {
		return protocols.sessionOrAppPasswordChain(http, "Schulhaus Chat", Scope.API, "chat", "/api/v1/chat/**");
	}

	@Bean
	AppTile chatTile() {
		return AppTile.app(APP, "chat.app", "messages-square", "/chat", 27,
				Set.of(Role.SCHOOL_ADMIN, Role.TEACHER, Role.STAFF, Role.PUPIL, Role.EXTERN));
	}

	/** The school admin's messenger rules and announcement posters. */
	@Bean
	AppTile chatAdminTile() {
		return AppTile.tool("chat-admin", "chat.rules.title", "messages-square", "/verwaltung/chat", 88, Set.of(Role.SCHOOL_ADMIN));
	}

	@Bean
	BadgeProvider chatUnread(UnreadTotal unread) {
		return new BadgeProvider() {
			@Override
			public String appKey() {
				return APP;
			}

			@Override
			public long count(SchulhausUser person) {
				return unread.of(person);
			}
		};
	}
}
