package de.schulhaus.platform;

import java.util.Locale;

/**
 * A route with ids that is no annotated controller method — a servlet, a WebDAV or CalDAV endpoint
 * that parses its own paths, a WebSocket handshake — declared as a bean by its module, so that the
 * tenant-isolation test calls it with another school's ids and expects exactly the answer it gives
 * for a missing id (404, or 403 where the caller's role may not use it). Controller routes need no
 * declaration: the test finds them itself.
 * <pre>
 * &#64;Bean IsolatedRoute davFile() { return IsolatedRoute.appPassword("PROPFIND", "/dav/spaces/{spaceId}/", "files"); }
 * </pre>
 *
 * @param method the HTTP method, e.g. {@code GET} or {@code PROPFIND}
 * @param path the path with {@code {placeholders}} named like the test's fixtures ({@code {schoolId}},
 *             {@code {accountId}}, {@code {groupId}}, {@code {notificationId}}, …); a new name needs a new fixture
 * @param signIn how the caller signs in
 * @param scope for {@link SignIn#APP_PASSWORD}: the app password's scope ({@code files}, {@code calendar}, {@code mail})
 */
public record IsolatedRoute(String method, String path, SignIn signIn, String scope) {

	public IsolatedRoute {
		method = method.toUpperCase(Locale.ROOT);
		if (!path.startsWith("/") || !path.contains("{")) {
			throw new IllegalArgumentException("a route with ids is a path with {placeholders}: " + path);
		}
		if (signIn == SignIn.APP_PASSWORD && (scope == null || scope.isBlank())) {
			throw new IllegalArgumentException("an app password route names its scope: " + path);
		}
	}

	/** Called by a person signed in to the web UI (a page, a fragment, a WebSocket handshake). */
	public static IsolatedRoute web(String method, String path) {
		return new IsolatedRoute(method, path, SignIn.WEB_SESSION, null);
	}

	/** Called by a client with an app password of this scope over HTTP Basic (WebDAV, CalDAV, CardDAV). */
	public static IsolatedRoute appPassword(String method, String path, String scope) {
		return new IsolatedRoute(method, path, SignIn.APP_PASSWORD, scope);
	}

	public enum SignIn {
		/** The web UI's session of a signed-in person. */
		WEB_SESSION,
		/** HTTP Basic with the service address and an app password of {@link IsolatedRoute#scope()}. */
		APP_PASSWORD
	}
}
