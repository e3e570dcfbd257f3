package de.schulhaus.chat.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import de.schulhaus.accounts.ProtocolSecurity;
import de.schulhaus.accounts.Scope;

/**
 * The chat API's own filter chain: the web UI's scripts call it with the person's session and CSRF
 * token; programs with an app password of scope api. State-changing requests take JSON only, which no
 * page of another site can send without a CORS preflight this server never grants.
 */
@Configuration
class ChatWebConfiguration {

	@Bean
	@Order(ProtocolSecurity.UNDER_API_ORDER)
	SecurityFilterChain chatApiChain(HttpSecurity http, ProtocolSecurity protocols) throws Exception {
		return protocols.sessionOrAppPasswordChain(http, "Schulhaus Chat", Scope.API, "chat", "/api/v1/chat/**");
	}
}
