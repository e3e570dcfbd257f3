package de.schulhaus.contacts.carddav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.util.UriUtils;

import de.schulhaus.contacts.internal.AddressBooks;
import de.schulhaus.contacts.internal.ContactCards;
import de.schulhaus.contacts.internal.Directory;
import de.schulhaus.dav.DavEngine;
import de.schulhaus.platform.SchulhausUser;

/**
 * {@code /carddav/}: the entry point; {@code /carddav/<sign-in>/…}: the caller's address book home, only under
 * their own sign-in (any other answers 404 like one nobody has); {@code /.well-known/carddav} sends clients
 * to the entry point (RFC 6764).
 */
class CardDavEndpoint implements HttpRequestHandler {

	static final String ROOT = "/carddav/";
	static final String WELL_KNOWN = "/.well-known/carddav";

	private final DavEngine engine;
	private final AddressBooks books;
	private final ContactCards cards;
	private final Directory directory;

	CardDavEndpoint(DavEngine engine, AddressBooks books, ContactCards cards, Directory directory) {
		this.engine = engine;
		this.books = books;
		this.cards = cards;
		this.directory = directory;
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
		if (uri.equals(root) || uri.equals(context + "/carddav")) {
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
		engine.handle(request, response, new AddressBookHome(user, books, cards, directory, root, root + raw + "/"), root + raw + "/");
	}

	private static void notFound(HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		response.setContentType("text/plain;charset=UTF-8");
		response.getOutputStream().write("Nothing is at this address.\n".getBytes(StandardCharsets.UTF_8));
	}
}
