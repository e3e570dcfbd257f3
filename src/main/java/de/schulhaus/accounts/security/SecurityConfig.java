package de.schulhaus.accounts.security;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import de.schulhaus.accounts.ProtocolSignIn;
import de.schulhaus.platform.PlatformProperties;
import de.schulhaus.platform.PublicPath;

/**
 * Three filter chains: actuator (health public, metrics by token), the REST API (stateless; bearer
 * token or HTTP Basic with an app password of scope api) and the web UI (form sign-in with a
 * second factor, CSRF, strict CSP, sessions in the database).
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

	/** No inline script or style anywhere: everything the pages need is served by Schulhaus itself. */
	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	/** The CSRF token in an HttpOnly cookie; Secure in production, where every request is HTTPS. */
	@Bean
	CookieCsrfTokenRepository csrfTokens(PlatformProperties platform) {
		CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
		tokens.setCookieName("SCHULHAUS_CSRF");
		tokens.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Lax").secure(platform.httpsOnly()));
		return tokens;
	}

	/**
	 * No observation per security filter, authentication and authorization: on a dashboard request
	 * they cost more CPU than the page's own database reads. Requests are still timed by Spring
	 * MVC's http.server.requests metric.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * The standard firewall, which also lets WebDAV's, CalDAV's and CardDAV's methods through to the
	 * modules' protocol chains (it refuses unknown methods with 400 otherwise).
	 */
	@Bean
	StrictHttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHttpMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "PROPPATCH",
				"MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "REPORT", "MKCALENDAR", "ACL"));
		return firewall;
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	/**
	 * Actuator: health stays public for load balancers; metrics and build info only for a scraper
	 * with {@code SCHULHAUS_METRICS_TOKEN} (or on a separate management port, see the README).
	 */
	@Bean
	@Order(0)
	SecurityFilterChain managementChain(HttpSecurity http, PlatformProperties platform, ProblemResponses problems) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.anyRequest().hasRole(MetricsTokenFilter.ROLE))
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new MetricsTokenFilter(platform.metricsToken()), BasicAuthenticationFilter.class)
			.exceptionHandling(e -> e.authenticationEntryPoint(problems::unauthorized).accessDeniedHandler(problems::forbidden));
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, ProtocolSignIn signIn, ProblemResponses problems, PlatformProperties platform)
			throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.authenticationManager(new ProviderManager(new ClientCredentialsAuthenticationProvider(signIn)))
			.httpBasic(basic -> basic.authenticationEntryPoint(problems::unauthorized))
			.addFilterBefore(new ApiContentTypeFilter(problems), BasicAuthenticationFilter.class)
			.addFilterBefore(new BearerTokenFilter(signIn, problems), BasicAuthenticationFilter.class)
			.exceptionHandling(e -> e.authenticationEntryPoint(problems::unauthorized).accessDeniedHandler(problems::forbidden))
			.headers(h -> {
				h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"));
				strictTransport(h, platform);
			});
		return http.build();
	}

	/** In production every answer says "HTTPS only", also behind a proxy that terminates TLS. */
	private static void strictTransport(HeadersConfigurer<HttpSecurity> headers, PlatformProperties platform) {
		if (platform.httpsOnly()) {
			headers.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE).maxAgeInSeconds(31536000)
				.includeSubDomains(false));
		}
	}

	/** Last: every path that no other chain (management, API, a module's protocol chain) claimed. */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain webChain(HttpSecurity http, AccountUserDetailsService users, PasswordEncoder passwords,
			SignInHandlers handlers, SignInThrottle throttle, DummyHash dummy, CookieCsrfTokenRepository csrfTokens,
			SecurityContextRepository contexts, ObjectProvider<ClientRegistrationRepository> oidc,
			OidcSignIn oidcSignIn, SignOutAudit signOutAudit, SignOutClosesLiveConnections signOutCloses, PlatformProperties platform,
			ObjectProvider<PublicPath> publicPaths) throws Exception {
		DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
		dao.setPasswordEncoder(passwords);
		dao.setUserDetailsPasswordService(users);
		AuthenticationProvider throttled = new ThrottledAuthenticationProvider(dao, throttle, dummy);
		// one explicit manager, so a wrong password is hashed once (no parent manager tries again)
		ProviderManager manager = oidc.getIfAvailable() == null ? new ProviderManager(throttled)
				: new ProviderManager(throttled, new OidcAuthorizationCodeAuthenticationProvider(
						new RestClientAuthorizationCodeTokenResponseClient(), new OidcUserService()));
		// the sign-in pages, assets, and the pages modules serve to people without an account
		String[] open = Stream.concat(Stream.of("/anmelden", "/anmelden/**", "/sprache", "/css/**", "/js/**", "/img/**", "/webjars/**",
				"/favicon.ico", "/error", "/v3/api-docs", "/v3/api-docs/**", "/oauth2/**", "/login/oauth2/**"),
				publicPaths.orderedStream().map(PublicPath::pattern)).toArray(String[]::new);
		http.authorizeHttpRequests(auth -> auth
				.requestMatchers(open)
				.permitAll()
				.requestMatchers("/betrieb/**").hasRole("OPERATOR")
				.requestMatchers("/verwaltung/**").hasAnyRole("SCHOOL_ADMIN")
				.anyRequest().authenticated())
			.authenticationManager(manager)
			.securityContext(c -> c.securityContextRepository(contexts))
			.requestCache(cache -> cache.requestCache(handlers.askedFor()))
			// the CSRF token lives in an HttpOnly cookie, so the sign-in page creates no session row
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
			.formLogin(form -> form.loginPage("/anmelden").loginProcessingUrl("/anmelden").usernameParameter("login")
				.passwordParameter("password").successHandler(handlers).failureHandler(handlers).permitAll())
			.logout(logout -> logout.logoutUrl("/abmelden").addLogoutHandler(signOutAudit).addLogoutHandler(signOutCloses)
				.logoutSuccessUrl("/anmelden?abgemeldet")
				.deleteCookies("SCHULHAUS_SESSION"))
			.addFilterAfter(new SignInGateFilter(), AuthorizationFilter.class)
			.headers(h -> {
				h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
					.frameOptions(f -> f.deny())
					.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
					.permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()"));
				strictTransport(h, platform);
			});
		if (oidc.getIfAvailable() != null) {
			http.oauth2Login(o -> o.loginPage("/anmelden").successHandler(oidcSignIn).failureHandler(oidcSignIn));
		}
		return http.build();
	}
}
