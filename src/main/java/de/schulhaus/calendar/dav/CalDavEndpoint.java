package de.schulhaus.calendar.dav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.util.UriUtils;

import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.calendar.internal.CalendarProperties;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.dav.DavEngine;
import de.schulhaus.platform.SchulhausUser;

/**
 * {@code /caldav/}: the entry point; {@code /caldav/<sign-in>/…}: the caller's calendar home, only under
 * their own sign-in (any other answers 404 like one nobody has); {@code /.well-known/caldav} sends clients
 * to the entry point (RFC 6764).
 */
class CalDavEndpoint implements HttpRequestHandler {

	static final String ROOT = "/caldav/";
	static final String WELL_KNOWN = "/.well-known/caldav";

	private final DavEngine engine;
	private final Calendars calendars;
	private final CalendarObjects objects;
	private final CalendarProperties properties;

	CalDavEndpoint(DavEngine engine, Calendars calendars, CalendarObjects objects, CalendarProperties properties) {
		this.engine = engine;
		this.calendars = calendars;
		this.objects = objects;
		this.properties = properties;
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String context = request.getContextPath();
		String uri = request.getRequestURI();
		String root = context + ROOT;
		if (uri.equals(context + WELL_KNOWN) || uri.equals(context + WELL_KNOWN + "/")) {
			response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
			response.setHeader("Location", root);
			return;
		}
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (!(auth != null && auth.getPrincipal() instanceof SchulhausUser user) || user.schoolId() == null) {
			notFound(response);
			return;
		}
		String home = root + UriUtils.encodePathSegment(user.login(), StandardCharsets.UTF_8) + "/";
		if (uri.equals(root) || uri.equals(context + "/caldav")) {
			engine.handle(request, response, new DiscoveryRoot(user.schoolId(), root, home), root);
			return;
		}
		String rest = uri.substring(root.length());
		int slash = rest.indexOf('/');
		String raw = slash < 0 ? rest : rest.substring(0, slash);
		String login;
		try {
			login = UriUtils.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			notFound(response);
			return;
		}
		if (!login.toLowerCase(Locale.ROOT).equals(user.login().toLowerCase(Locale.ROOT))) {
			notFound(response);
			return;
		}
		engine.handle(request, response, new CalendarHome(user, calendars, objects, properties, root, root + raw + "/"), root + raw + "/");
	}

	private static void notFound(HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		response.setContentType("text/plain;charset=UTF-8");
		response.getOutputStream().write("Nothing is at this address.\n".getBytes(StandardCharsets.UTF_8));
	}
}
