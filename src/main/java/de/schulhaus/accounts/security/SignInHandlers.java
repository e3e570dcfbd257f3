package de.schulhaus.accounts.security;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;

/**
 * After the password: people with a second factor are signed out again and sent to the code page
 * (the password alone must not open a session); everybody else lands on the dashboard.
 */
@Component
public class SignInHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	public static final String PENDING = "schulhaus.signin.pending";

	private final SignInThrottle throttle;
	private final AccountRepository accounts;
	private final AuditLog audit;
	private final SecurityContextRepository contexts;
	private final CsrfTokenRepository csrfTokens;
	private final CookieRequestCache askedFor = askedForPages();

	SignInHandlers(SignInThrottle throttle, AccountRepository accounts, AuditLog audit, SecurityContextRepository contexts,
			CsrfTokenRepository csrfTokens) {
		this.throttle = throttle;
		this.csrfTokens = csrfTokens;
		this.accounts = accounts;
		this.audit = audit;
		this.contexts = contexts;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException, ServletException {
		SchulhausUser user = (SchulhausUser) authentication.getPrincipal();
		if (user.twoFactorEnabled()) {
			// the failure counts stay until the code is right too
			forgetFirstStep(request, response);
			response.sendRedirect(request.getContextPath() + awaitCode(user.accountId(), "password", null, request));
			return;
		}
		throttle.succeeded(user);
		completed(user, "password");
		response.sendRedirect(request.getContextPath() + landingPage(request, response));
	}

	/** The first step alone opens nothing: whatever it put in the session's security context goes. */
	public void forgetFirstStep(HttpServletRequest request, HttpServletResponse response) {
		var empty = SecurityContextHolder.createEmptyContext();
		SecurityContextHolder.setContext(empty);
		contexts.saveContext(empty, request, response);
	}

	/**
	 * The first step ({@code method}) is done; the session only remembers whose second step is due.
	 * {@code then} is where the finished sign-in leads (null: the page asked for, else the dashboard).
	 * Answers the code page's path.
	 */
	public String awaitCode(java.util.UUID accountId, String method, String then, HttpServletRequest request) {
		request.getSession().setAttribute(PENDING, new PendingSignIn(accountId, System.currentTimeMillis(), method, then));
		return "/anmelden/zwei-faktor";
	}

	/**
	 * Pages people opened before signing in (a link to a group, a shared file), kept in a cookie
	 * rather than a session so that anonymous visitors cost no session row. Only page views count:
	 * GET, wanting HTML, no htmx fragment, no static file.
	 */
	private static CookieRequestCache askedForPages() {
		CookieRequestCache cache = new CookieRequestCache();
		cache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && request.getHeader("HX-Request") == null
				&& request.getHeader("Accept") != null && request.getHeader("Accept").contains("text/html")
				&& isLocalPage(request.getRequestURI().substring(request.getContextPath().length())));
		return cache;
	}

	public RequestCache askedFor() {
		return askedFor;
	}

	/**
	 * Where a finished sign-in leads, relative to the context path: the page asked for before
	 * signing in, else the dashboard. Only a path on this site counts, whatever the cookie says.
	 */
	public String landingPage(HttpServletRequest request, HttpServletResponse response) {
		SavedRequest saved = askedFor.getRequest(request, response);
		if (saved == null) {
			return "/";
		}
		askedFor.removeRequest(request, response);
		try {
			URI uri = new URI(saved.getRedirectUrl());
			String path = uri.getRawPath();
			if (path == null || !path.startsWith(request.getContextPath())) {
				return "/";
			}
			path = path.substring(request.getContextPath().length());
			return isLocalPage(path) ? path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) : "/";
		}
		catch (URISyntaxException e) {
			return "/";
		}
	}

	private static boolean isLocalPage(String path) {
		return path.startsWith("/") && !path.startsWith("//") && !path.contains("\\") && !path.startsWith("/api/")
				&& !SitePaths.isNoPage(path);
	}

	/** Records a finished sign-in, whichever way it went. */
	public void completed(SchulhausUser user, String method) {
		accounts.touchSignIn(user.accountId());
		audit.record(user, "sign-in.ok", user.login(), method);
	}

	/**
	 * Makes the person the signed-in user of this request and session, with a fresh session id and
	 * a fresh CSRF token (a token seen before signing in is worth nothing after).
	 */
	public void establish(SchulhausUser user, HttpServletRequest request, HttpServletResponse response) {
		request.getSession();
		request.changeSessionId();
		csrfTokens.saveToken(null, request, response);
		refresh(user, request, response);
	}

	/** Replaces the signed-in person's details in the session (language, second factor). */
	public void refresh(SchulhausUser user, HttpServletRequest request, HttpServletResponse response) {
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken
			.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		String login = request.getParameter("login");
		// a locked account reads like a wrong password: the answer must not tell that the address exists
		boolean addressThrottled = exception instanceof ThrottledAuthenticationProvider.AddressThrottledException;
		var account = login == null ? null : accounts.findByLogin(login.strip().toLowerCase()).orElse(null);
		audit.record(account == null ? null : account.schoolId(), account == null ? null : account.id(), login,
				"sign-in.failed", "form", exception.getClass().getSimpleName());
		response.sendRedirect(request.getContextPath() + (addressThrottled ? "/anmelden?gesperrt" : "/anmelden?fehler"));
	}

	/** First step done ({@code method}: password, link, oidc), second factor outstanding; then on to {@code then}. */
	public record PendingSignIn(java.util.UUID accountId, long startedAt, String method, String then) implements java.io.Serializable {

		public boolean expired() {
			return System.currentTimeMillis() - startedAt > 5 * 60 * 1000;
		}
	}
}
