package de.schulhaus.platform;

/**
 * Pages a module serves to people without an account (a file link, later a public booking page): the
 * web chain lets them through unsigned-in, with its CSRF protection, headers and Content-Security-Policy.
 * Such a page decides itself what it shows; it never trusts a session's person.
 * <pre>
 * &#64;Bean PublicPath fileLinks() { return new PublicPath("/s/**"); }
 * </pre>
 *
 * @param pattern an Ant-style path pattern
 */
public record PublicPath(String pattern) {

	public PublicPath {
		if (pattern == null || !pattern.startsWith("/") || pattern.equals("/**")) {
			throw new IllegalArgumentException("a public path is a narrow pattern: " + pattern);
		}
	}
}
