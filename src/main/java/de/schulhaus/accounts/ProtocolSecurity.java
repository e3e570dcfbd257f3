package de.schulhaus.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import de.schulhaus.platform.Apps;
import de.schulhaus.platform.SchulhausUser;
import tools.jackson.databind.json.JsonMapper;

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

	/**
	 * For {@link #sessionOrAppPasswordChain} on paths under {@code /api/}: before the REST API's chain
	 * (order 1), which claims the rest of {@code /api/**}; the actuator's chain (order 0) has no path in common.
	 */
	public static final int UNDER_API_ORDER = 0;

	private final ProtocolSignIn signIn;
	private final CsrfTokenRepository csrfTokens;
	private final SecurityContextRepository contexts;
	private final JsonMapper json;
	private final HttpFirewall firewall;
	private final Apps apps;

	ProtocolSecurity(ProtocolSignIn signIn, CsrfTokenRepository csrfTokens, SecurityContextRepository contexts, JsonMapper json,
			HttpFirewall firewall, Apps apps) {
		this.signIn = signIn;
		this.csrfTokens = csrfTokens;
		this.contexts = contexts;
		this.json = json;
		this.firewall = firewall;
		this.apps = apps;
	}

	public SecurityFilterChain chain(HttpSecurity http, String realm, Scope scope, String protocol, String... paths) throws Exception {
		http.securityMatcher(paths)
			.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			// every request of a protocol client signs in; no anonymous user and no wrapped request are of use here,
			// and each filter less is time off every request of a sync run
			.anonymous(anonymous -> anonymous.disable())
			.servletApi(api -> api.disable())
			.authenticationManager(new ProviderManager(provider(scope, protocol)))
			.httpBasic(basic -> basic.realmName(realm).authenticationEntryPoint((request, response, e) -> challenge(response, realm)))
			.exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> challenge(response, realm)));
		return http.build();
	}

	/**
	 * What {@link #chain} and Spring MVC's dispatch do for a protocol endpoint, as one servlet filter
	 * that serves the request itself: for paths whose every request is a program's (a sync client's
	 * burst of small PUTs), registered before all other filters, so that neither Spring Security's
	 * filter chain, nor the observation of the request, nor the dispatcher run on them. It keeps what
	 * they do there: the firewall (400 for what it rejects), HTTP Basic through {@link ProtocolSignIn}
	 * for {@code scope} (the sign-in throttle and the audit of failures are there), the same 401
	 * challenge, the security headers of a protocol chain (written before the answer, left off a 304
	 * as Spring Security does), the 403 of an app switched off for the person's role, the signed-in
	 * person in the {@link SecurityContextHolder} and the request in the {@link RequestContextHolder}
	 * (the audit log reads the client's address there). Requests served this way are not timed by
	 * the {@code http.server.requests} metric.
	 * <pre>
	 * FilterRegistrationBean&lt;Filter&gt; r = new FilterRegistrationBean&lt;&gt;(protocols.direct("Schulhaus Dateien", Scope.FILES, "webdav", endpoint));
	 * r.addUrlPatterns("/dav/files/*"); r.setOrder(Ordered.HIGHEST_PRECEDENCE);
	 * </pre>
	 */
	public Filter direct(String realm, Scope scope, String protocol, HttpRequestHandler handler) {
		return (servletRequest, servletResponse, chain) -> {
			if (!(servletRequest instanceof HttpServletRequest raw) || !(servletResponse instanceof HttpServletResponse rawResponse)) {
				chain.doFilter(servletRequest, servletResponse);
				return;
			}
			HttpServletRequest request;
			try {
				request = firewall.getFirewalledRequest(raw);
			}
			catch (RequestRejectedException ex) {
				rawResponse.sendError(HttpServletResponse.SC_BAD_REQUEST);
				return;
			}
			HttpServletResponse response = firewall.getFirewalledResponse(rawResponse);
			securityHeaders(request, response);
			Optional<SchulhausUser> user = basicCredentials(request)
				.flatMap(c -> signIn.authenticate(c[0], c[1], scope, protocol, request.getRemoteAddr()));
			if (user.isEmpty()) {
				challenge(response, realm);
				return;
			}
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (apps.isAppPath(path) && apps.switchedOffAt(user.get(), path).isPresent()) {
				response.sendError(HttpServletResponse.SC_FORBIDDEN);
				return;
			}
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null, user.get().getAuthorities()));
			SecurityContextHolder.setContext(context);
			ServletRequestAttributes attributes = new ServletRequestAttributes(request, response);
			RequestContextHolder.setRequestAttributes(attributes);
			LocaleContextHolder.setLocale(request.getLocale());
			try {
				handler.handleRequest(request, response);
				if (response.getStatus() == HttpServletResponse.SC_NOT_MODIFIED && !response.isCommitted()) {
					// as Spring Security's cache headers, which it leaves off a 304 (the client's copy is fine to keep)
					response.setHeader("Cache-Control", null);
					response.setHeader("Pragma", null);
					response.setHeader("Expires", null);
				}
			}
			finally {
				attributes.requestCompleted();
				LocaleContextHolder.resetLocaleContext();
				RequestContextHolder.resetRequestAttributes();
				SecurityContextHolder.clearContext();
			}
		};
	}

	/** Spring Security's default headers, as a protocol chain writes them, and a policy that keeps served files inert. */
	private static void securityHeaders(HttpServletRequest request, HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-XSS-Protection", "0");
		response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
		response.setHeader("Pragma", "no-cache");
		response.setHeader("Expires", "0");
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
		}
		response.setHeader("X-Frame-Options", "DENY");
		// a file a browser opens here (say an uploaded .html) must not run as a page of this site
		response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'");
	}

	/** Login and secret of an {@code Authorization: Basic} header, as Spring Security's Basic filter reads them (UTF-8). */
	private static Optional<String[]> basicCredentials(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header == null) {
			return Optional.empty();
		}
		header = header.trim();
		if (header.length() <= 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return Optional.empty();
		}
		String token;
		try {
			token = new String(Base64.getDecoder().decode(header.substring(6).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		int colon = token.indexOf(':');
		return colon < 0 ? Optional.empty() : Optional.of(new String[] { token.substring(0, colon), token.substring(colon + 1) });
	}

	/**
	 * For an endpoint that both the web UI's scripts and programs call (resumable uploads): a person
	 * signed in to the web UI with their session, whose state-changing requests carry the CSRF token
	 * like every other of the web UI, or a program with HTTP Basic and an app password of
	 * {@code scope}. Requests with Basic credentials need no CSRF token: the endpoint must then refuse
	 * every state-changing request that lacks a header of its own (tus: {@code Tus-Resumable}), which no
	 * page of another site can send without a CORS preflight that this server never grants. No session
	 * is ever created here, and a Basic challenge goes only to requests that brought credentials, so
	 * that browsers never ask for a password. Answers 401 and 403 as RFC 9457 problems.
	 */
	public SecurityFilterChain sessionOrAppPasswordChain(HttpSecurity http, String realm, Scope scope, String protocol, String... paths)
			throws Exception {
		RequestMatcher basic = request -> {
			String authorization = request.getHeader("Authorization");
			return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
		};
		http.securityMatcher(paths)
			.authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.OPTIONS).permitAll().anyRequest().authenticated())
			.securityContext(c -> c.securityContextRepository(contexts))
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).ignoringRequestMatchers(basic))
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.authenticationManager(new ProviderManager(provider(scope, protocol)))
			.httpBasic(b -> b.realmName(realm).authenticationEntryPoint((request, response, e) -> unauthorized(request, response, realm)))
			.exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> unauthorized(request, response, realm))
				.accessDeniedHandler((request, response, ex) -> problem(response, HttpStatus.FORBIDDEN,
						"Your role does not allow this, or the CSRF token is missing.")))
			.addFilterAfter(new OncePerRequestFilter() {
				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
						throws ServletException, IOException {
					// what the web UI makes a person do first (new password, second factor) comes first here too
					var auth = SecurityContextHolder.getContext().getAuthentication();
					if (!basic.matches(request) && auth != null && auth.getPrincipal() instanceof SchulhausUser user
							&& (user.mustChangePassword() || user.role().requiresTwoFactor() && !user.twoFactorEnabled())) {
						problem(response, HttpStatus.FORBIDDEN, "Finish setting up your sign-in in the web UI first.");
						return;
					}
					chain.doFilter(request, response);
				}
			}, AuthorizationFilter.class)
			.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
		return http.build();
	}

	private void unauthorized(HttpServletRequest request, HttpServletResponse response, String realm) throws IOException {
		if (request.getHeader("Authorization") != null) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm.replace("\"", "") + "\", charset=\"UTF-8\"");
		}
		problem(response, HttpStatus.UNAUTHORIZED, "Sign in to the web UI, or use HTTP Basic with an app password.");
	}

	private void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getWriter(), ProblemDetail.forStatusAndDetail(status, detail));
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
