package de.schulhaus.accounts;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * How a module protects its protocol paths ({@code /dav/**}, {@code /.well-known/caldav}, later
 * {@code /ws}): a filter chain of its own with HTTP Basic through {@link ProtocolSignIn} for one
 * scope, no CSRF token (programs have none), no session, no redirect to the sign-in page, and a
 * {@code 401} with {@code WWW-Authenticate: Basic realm="…"} that clients answer with credentials.
 * <pre>
 * &#64;Bean &#64;Order(ProtocolSecurity.ORDER)
 * SecurityFilterChain davChain(HttpSecurity http, ProtocolSecurity protocols) throws Exception {
 *     return protocols.chain(http, "Schulhaus Dateien", Scope.FILES, "webdav", "/dav/**");
 * }
 * </pre>
 */
@Component
public class ProtocolSecurity {

	/** Before the web pages' chain, which takes every path no other chain claimed. */
	public static final int ORDER = 10;

	private final ProtocolSignIn signIn;

	ProtocolSecurity(ProtocolSignIn signIn) {
		this.signIn = signIn;
	}

	public SecurityFilterChain chain(HttpSecurity http, String realm, Scope scope, String protocol, String... paths) throws Exception {
		http.securityMatcher(paths)
			.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.authenticationManager(new ProviderManager(provider(scope, protocol)))
			.httpBasic(basic -> basic.realmName(realm).authenticationEntryPoint((request, response, e) -> challenge(response, realm)))
			.exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> challenge(response, realm)));
		return http.build();
	}

	private AuthenticationProvider provider(Scope scope, String protocol) {
		return new AuthenticationProvider() {
			@Override
			public Authentication authenticate(Authentication authentication) throws AuthenticationException {
				String ip = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
				return signIn.authenticate(authentication.getName(), String.valueOf(authentication.getCredentials()), scope, protocol, ip)
					.map(user -> UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()))
					.orElseThrow(() -> new BadCredentialsException("bad credentials"));
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
			}
		};
	}

	private static void challenge(HttpServletResponse response, String realm) throws IOException {
		response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm.replace("\"", "") + "\", charset=\"UTF-8\"");
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setContentType("text/plain;charset=UTF-8");
		response.getWriter().write("Sign in with your service address and an app password.\n");
	}

}
