package de.schulhaus.files.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.util.UriUtils;

import de.schulhaus.dav.DavPath;
import de.schulhaus.platform.NotFoundException;

/**
 * Where the browser is: {@code /dateien/<space>[/<action>]?pfad=/Unterricht/5a}. The path travels in
 * the query, where names with {@code %} or {@code ;} pass the firewall too, and is split into
 * decoded segments here: an empty, dot or backslash segment answers 404 like a path nobody has.
 */
final class FileLocation {

	static final String ROOT = "/dateien";

	private FileLocation() {
	}

	static DavPath parse(String pfad) {
		if (pfad == null) {
			return DavPath.ROOT;
		}
		List<String> segments = new ArrayList<>();
		String trimmed = pfad.startsWith("/") ? pfad.substring(1) : pfad;
		if (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		if (trimmed.isEmpty()) {
			return DavPath.ROOT;
		}
		for (String segment : trimmed.split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) {
				throw new NotFoundException("file");
			}
			segments.add(segment);
		}
		return new DavPath(segments);
	}

	/** The path as the query shows it, {@code /a/b}; the root is {@code /}. */
	static String text(DavPath path) {
		return path.toString();
	}

	/** {@code /dateien/<space>/<action>?pfad=…}; no action for the folder list, no path for the space's top. */
	static String url(String spaceKey, String action, DavPath path) {
		StringBuilder url = new StringBuilder(ROOT).append('/').append(UriUtils.encodePathSegment(spaceKey, StandardCharsets.UTF_8));
		if (action != null) {
			url.append('/').append(action);
		}
		if (!path.isRoot()) {
			url.append("?pfad=").append(UriUtils.encode(text(path), StandardCharsets.UTF_8).replace("%2F", "/"));
		}
		return url.toString();
	}
}
