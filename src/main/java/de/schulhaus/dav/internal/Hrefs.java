package de.schulhaus.dav.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;

/**
 * Request paths to {@link DavPath}s and back. Decoding refuses what could climb out of the tree or
 * mean two things: dot segments, encoded slashes and backslashes, NUL, empty segments.
 */
public final class Hrefs {

	private Hrefs() {
	}

	/** The path below {@code prefix} (raw, ending in a slash) of a raw request path. */
	public static DavPath parse(String rawPath, String prefix) {
		String withSlash = rawPath.endsWith("/") ? rawPath : rawPath + "/";
		if (!withSlash.startsWith(prefix)) {
			throw new DavException(404, "Not below " + prefix);
		}
		String rest = rawPath.length() <= prefix.length() ? "" : rawPath.substring(prefix.length());
		if (rest.endsWith("/")) {
			rest = rest.substring(0, rest.length() - 1);
		}
		List<String> segments = new ArrayList<>();
		if (!rest.isEmpty()) {
			for (String raw : rest.split("/", -1)) {
				segments.add(segment(raw));
			}
		}
		return new DavPath(segments);
	}

	/** The path of a Destination header, which must point into the same tree. */
	public static DavPath destination(String header, String prefix) {
		if (header == null || header.isBlank()) {
			throw new DavException(400, "COPY and MOVE need a Destination header.");
		}
		String raw;
		try {
			raw = URI.create(header.trim()).getRawPath();
		}
		catch (IllegalArgumentException ex) {
			throw new DavException(400, "The Destination header is no URI.");
		}
		if (raw == null || !(raw.endsWith("/") ? raw : raw + "/").startsWith(prefix)) {
			throw new DavException(502, "The destination is outside this tree.");
		}
		return parse(raw, prefix);
	}

	static String segment(String raw) {
		String lower = raw.toLowerCase(java.util.Locale.ROOT);
		if (raw.isEmpty() || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
			throw new DavException(400, "The path contains an empty segment, an encoded slash or backslash, or NUL.");
		}
		String name = decode(raw);
		if (name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0 || name.indexOf('/') >= 0) {
			throw new DavException(400, "The path contains '.' or '..' segments.");
		}
		return name;
	}

	static String decode(String raw) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '%') {
				if (i + 2 >= raw.length()) {
					throw new DavException(400, "The path contains a malformed escape.");
				}
				int hi = Character.digit(raw.charAt(i + 1), 16);
				int lo = Character.digit(raw.charAt(i + 2), 16);
				if (hi < 0 || lo < 0) {
					throw new DavException(400, "The path contains a malformed escape.");
				}
				bytes.write(hi * 16 + lo);
				i += 2;
			}
			else {
				byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(b, 0, b.length);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/** The href of a resource: the prefix and each segment percent-encoded, a trailing slash for collections. */
	public static String href(String prefix, DavPath path, boolean collection) {
		StringBuilder href = new StringBuilder(prefix);
		for (String segment : path.segments()) {
			encode(segment, href);
			href.append('/');
		}
		if (!collection && !path.isRoot()) {
			href.setLength(href.length() - 1);
		}
		return href.toString();
	}

	static void encode(String segment, StringBuilder out) {
		for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
				out.append((char) c);
			}
			else {
				out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
			}
		}
	}
}
