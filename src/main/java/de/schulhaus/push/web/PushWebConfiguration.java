package de.schulhaus.push.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.NullSecurityContextRepository;

import de.schulhaus.accounts.ProtocolSecurity;
import de.schulhaus.accounts.Scope;
import de.schulhaus.platform.PageScript;
import de.schulhaus.platform.ProfileSection;
import de.schulhaus.platform.PublicPath;
import de.schulhaus.platform.SchulhausUser;

/**
 * The subscription API is called by the page's script with the person's session and the CSRF token
 * like every other request of the web UI (an admin's script may use an app password of scope api;
 * its POST must be JSON and DELETE is no form method, so no other site can send either). The service
 * worker is served from the root so that its scope is the whole site, to everyone: browsers fetch it
 * again on their own.
 * <p>
 * The renewal ({@code POST /api/v1/push/renewal}) and the server's public key are the service worker's, which has neither the page's CSRF token
 * nor, often, a session: the push service rotates a subscription when it likes. It takes no cookie and no password;
 * the old subscription's endpoint and authentication secret in its body are the credential (a page of another
 * site that knew them could send pushes to that browser anyway), so it needs no CSRF token either.
 */
@Configuration(proxyBeanMethods = false)
class PushWebConfiguration {

	@Bean
	@Order(ProtocolSecurity.UNDER_API_ORDER)
	SecurityFilterChain pushApiChain(HttpSecurity http, ProtocolSecurity protocols) throws Exception {
		return protocols.sessionOrAppPasswordChain(http, "Schulhaus", Scope.API, "push-api", "/api/v1/push/**");
	}

	@Bean
	@Order(ProtocolSecurity.UNDER_API_ORDER - 1)
	SecurityFilterChain pushRenewalChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/v1/push/renewal", "/api/v1/push/key")
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(c -> c.securityContextRepository(new NullSecurityContextRepository()))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
		return http.build();
	}

	/** On every page: tells the server of this browser's renewed subscription (see {@code static/js/push-device.js}). */
	@Bean
	PageScript pushDeviceCheck() {
		return new PageScript("/js/push-device.js");
	}

	@Bean
	PublicPath serviceWorker() {
		return new PublicPath("/sw.js");
	}

	/** The switch "Benachrichtigungen auf diesem Gerät" on Mein Konto, for people of a school. */
	@Bean
	ProfileSection pushProfileSection() {
		return new ProfileSection() {
			@Override
			public String fragment() {
				return "push/profile :: section";
			}

			@Override
			public int order() {
				return 10;
			}

			@Override
			public boolean shownTo(SchulhausUser user) {
				return user.schoolId() != null;
			}
		};
	}
}
