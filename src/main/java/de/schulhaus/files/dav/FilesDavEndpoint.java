package de.schulhaus.files.dav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.util.UriUtils;

import de.schulhaus.dav.DavEngine;
import de.schulhaus.files.internal.PersonalSpaces;
import de.schulhaus.platform.SchulhausUser;

/**
 * {@code /dav/files/<sign-in>/…}: the caller's own space under their own service address. Any other
 * segment answers 404 exactly like one nobody has, so the path reveals no one's existence.
 */
class FilesDavEndpoint implements HttpRequestHandler {

	static final String ROOT = "/dav/files/";

	private final DavEngine engine;
	private final PersonalSpaces spaces;

	FilesDavEndpoint(DavEngine engine, PersonalSpaces spaces) {
		this.engine = engine;
		this.spaces = spaces;
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String base = request.getContextPath() + ROOT;
		String uri = request.getRequestURI();
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (!(auth != null && auth.getPrincipal() instanceof SchulhausUser user) || user.schoolId() == null || !uri.startsWith(base)) {
			notFound(response);
			return;
		}
		String rest = uri.substring(base.length());
		int slash = rest.indexOf('/');
		String segment = slash < 0 ? rest : rest.substring(0, slash);
		String login;
		try {
			login = UriUtils.decode(segment, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			notFound(response);
			return;
		}
		if (!login.toLowerCase(Locale.ROOT).equals(user.login().toLowerCase(Locale.ROOT))) {
			notFound(response);
			return;
		}
		engine.handle(request, response, spaces.of(user), base + segment + "/");
	}

	private static void notFound(HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		response.setContentType("text/plain;charset=UTF-8");
		response.getOutputStream().write("Nothing is at this address.\n".getBytes(StandardCharsets.UTF_8));
	}
}
