package de.schulhaus.dav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.xml.namespace.QName;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.util.UriUtils;

import de.schulhaus.platform.SchulhausUser;

/**
 * A protocol's tree of homes, as CalDAV and CardDAV lay it out: {@code /<root>/} is the entry point,
 * {@code /<root>/<sign-in>/…} the caller's home, only under their own sign-in (any other answers 404
 * like one nobody has), and {@code /.well-known/<protocol>} sends clients to the entry point (RFC 6764).
 * A module says what its home is.
 */
public abstract class DavHomeEndpoint implements HttpRequestHandler {

	private final DavEngine engine;
	private final String root;
	private final String wellKnown;
	private final QName homeSet;
	private final String complianceClass;
	private final String what;

	/**
	 * @param root the entry point's path, say {@code /caldav/}
	 * @param wellKnown say {@code /.well-known/caldav}
	 */
	protected DavHomeEndpoint(DavEngine engine, String root, String wellKnown, QName homeSet, String complianceClass, String what) {
		this.engine = engine;
		this.root = root;
		this.wellKnown = wellKnown;
		this.homeSet = homeSet;
		this.complianceClass = complianceClass;
		this.what = what;
	}

	/**
	 * The caller's home for this request.
	 *
	 * @param root the raw path of the entry point
	 * @param home the raw path of the home, ending in a slash
	 */
	protected abstract DavRepository home(SchulhausUser user, String root, String home);

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String context = request.getContextPath();
		String uri = request.getRequestURI();
		String entry = context + root;
		if (uri.equals(context + wellKnown) || uri.equals(context + wellKnown + "/")) {
			response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
			response.setHeader("Location", entry);
			return;
		}
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (!(auth != null && auth.getPrincipal() instanceof SchulhausUser user) || user.schoolId() == null) {
			notFound(response);
			return;
		}
		if (uri.equals(entry) || uri.equals(entry.substring(0, entry.length() - 1))) {
			String home = entry + UriUtils.encodePathSegment(user.login(), StandardCharsets.UTF_8) + "/";
			engine.handle(request, response, new DavEntryPoint(user.schoolId(), entry, home, homeSet, complianceClass, what), entry);
			return;
		}
		String rest = uri.substring(entry.length());
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
		String home = entry + raw + "/";
		engine.handle(request, response, home(user, entry, home), home);
	}

	private static void notFound(HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		response.setContentType("text/plain;charset=UTF-8");
		response.getOutputStream().write("Nothing is at this address.\n".getBytes(StandardCharsets.UTF_8));
	}
}
