package de.schulhaus.files.dav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.util.UriUtils;

import de.schulhaus.dav.DavEngine;
import de.schulhaus.files.internal.Space;
import de.schulhaus.files.internal.SpaceKind;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.SchulhausUser;

/**
 * {@code /dav/files/<sign-in>/…}: the caller's own space under their own service address;
 * {@code /dav/spaces/}: the spaces they share (school, office, groups), each at {@code /dav/spaces/<key>/…}
 * (or its id).
 * Any other segment answers 404 exactly like one nobody has, so the path reveals no one's existence.
 */
class FilesDavEndpoint implements HttpRequestHandler {

	static final String ROOT = "/dav/files/";
	static final String SPACES = "/dav/spaces/";

	private final DavEngine engine;
	private final Spaces spaces;

	FilesDavEndpoint(DavEngine engine, Spaces spaces) {
		this.engine = engine;
		this.spaces = spaces;
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String uri = request.getRequestURI();
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (!(auth != null && auth.getPrincipal() instanceof SchulhausUser user) || user.schoolId() == null) {
			notFound(response);
			return;
		}
		String files = request.getContextPath() + ROOT;
		String shared = request.getContextPath() + SPACES;
		if (uri.startsWith(files)) {
			Optional<String> login = firstSegment(uri, files);
			if (login.isEmpty() || !login.get().toLowerCase(Locale.ROOT).equals(user.login().toLowerCase(Locale.ROOT))) {
				notFound(response);
				return;
			}
			engine.handle(request, response, spaces.openForWebDav(spaces.personal(user)), files + rawSegment(uri, files) + "/");
		}
		else if (uri.equals(shared) || uri.equals(shared.substring(0, shared.length() - 1))) {
			engine.handle(request, response, new SpaceList(user.schoolId(), user.accountId(), spaces.shared(user)), shared);
		}
		else if (uri.startsWith(shared)) {
			// a person's own files are at /dav/files/; what somebody shared from theirs is here, as in the browser
			Optional<Space> space = firstSegment(uri, shared)
				.flatMap(key -> spaces.find(user, key)).filter(s -> s.kind() != SpaceKind.PERSONAL || !s.whole());
			if (space.isEmpty()) {
				notFound(response);
				return;
			}
			engine.handle(request, response, spaces.openForWebDav(space.get()), shared + rawSegment(uri, shared) + "/");
		}
		else {
			notFound(response);
		}
	}

	private static String rawSegment(String uri, String base) {
		String rest = uri.substring(base.length());
		int slash = rest.indexOf('/');
		return slash < 0 ? rest : rest.substring(0, slash);
	}

	private static Optional<String> firstSegment(String uri, String base) {
		try {
			return Optional.of(UriUtils.decode(rawSegment(uri, base), StandardCharsets.UTF_8)).filter(s -> !s.isEmpty());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static void notFound(HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		response.setContentType("text/plain;charset=UTF-8");
		response.getOutputStream().write("Nothing is at this address.\n".getBytes(StandardCharsets.UTF_8));
	}
}
