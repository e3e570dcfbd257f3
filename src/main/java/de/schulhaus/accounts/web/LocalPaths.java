package de.schulhaus.accounts.web;

import java.net.URI;
import java.net.URISyntaxException;

/** Where a redirect may lead when the target comes from the request: only a path on this site. */
final class LocalPaths {

	private LocalPaths() {
	}

	/**
	 * The path and query of {@code target} (a URL or a path), if it is a plain path on this site;
	 * else {@code fallback}. Host names are never compared: a Referer of another site loses them.
	 */
	static String pathOf(String target, String fallback) {
		if (target == null || target.isBlank() || target.contains("\\")) {
			return fallback;
		}
		try {
			URI uri = new URI(target.strip());
			String path = uri.getRawPath();
			if (path == null || !path.startsWith("/") || path.startsWith("//")) {
				return fallback;
			}
			return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
					+ (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
		}
		catch (URISyntaxException e) {
			return fallback;
		}
	}
}
