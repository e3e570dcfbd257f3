package de.schulhaus.chat.ws;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

import de.schulhaus.accounts.ProtocolSecurity;
import de.schulhaus.accounts.Scope;
import de.schulhaus.chat.internal.ChatProperties;
import de.schulhaus.platform.PlatformProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws} with its own filter chain: the web UI's session (or an app password of scope api for
 * programs). A browser sends its cookies with a WebSocket handshake from any site and cannot add a
 * CSRF header to it, so the handshake's Origin must be this server's (its base URL, or the address
 * it was reached at); clients that are no browser send none.
 */
@Configuration
@EnableWebSocket
class ChatSocketConfiguration implements WebSocketConfigurer {

	private final ChatHub hub;
	private final ChatProperties properties;
	private final JsonMapper json;
	private final PlatformProperties platform;

	ChatSocketConfiguration(ChatHub hub, ChatProperties properties, JsonMapper json, PlatformProperties platform) {
		this.hub = hub;
		this.properties = properties;
		this.json = json;
		this.platform = platform;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		// only the web session's id (a post over the connection checks that it is still open), none of its attributes
		HttpSessionHandshakeInterceptor webSession = new HttpSessionHandshakeInterceptor();
		webSession.setCopyAllAttributes(false);
		webSession.setCopyHttpSessionId(true);
		webSession.setCreateSession(false);
		registry.addHandler(new ChatSocketHandler(hub, properties, json), "/ws").addInterceptors(webSession).setAllowedOrigins(platform.baseUrl());
	}

	@Bean
	@Order(ProtocolSecurity.ORDER)
	SecurityFilterChain chatSocketChain(HttpSecurity http, ProtocolSecurity protocols) throws Exception {
		return protocols.sessionOrAppPasswordChain(http, "Schulhaus Chat", Scope.API, "chat-ws", "/ws");
	}
}
