package de.schulhaus.dav.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavResource;

/** GET and HEAD (with single byte ranges) and PUT (streamed, with If-Match and If-None-Match). */
public final class ContentHandler {

	/** Tomcat's sendfile (not over TLS, where it says no): the request attributes its connector reads. */
	private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";
	private static final String SENDFILE_FILE = "org.apache.tomcat.sendfile.filename";
	private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
	private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";
	/** As Tomcat's own file servlet: below this, writing the bytes costs less than handing over the file. */
	private static final long SENDFILE_FROM = 48 * 1024;
	/** Larger writes than the 16 KiB of transferTo: fewer system calls per byte sent. */
	private static final int COPY_BUFFER = 256 * 1024;

	private ContentHandler() {
	}

	public static void get(DavExchange x, boolean head) throws IOException {
		DavResource resource = x.existing();
		HttpServletResponse response = x.response();
		response.setHeader("ETag", "\"" + resource.etag() + "\"");
		response.setHeader("Last-Modified", LiveProperties.httpDate(resource));
		if (resource.collection()) {
			listing(x, resource, head);
			return;
		}
		x.repo().extension().headers(resource).forEach(response::setHeader);
		String ifNoneMatch = x.request().getHeader("If-None-Match");
		if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains("\"" + resource.etag() + "\""))) {
			// the client's copy is current: a sync client checks its files without downloading them again
			response.setStatus(304);
			return;
		}
		response.setHeader("Accept-Ranges", "bytes");
		response.setContentType(resource.contentType());
		long[] range = range(x.request().getHeader("Range"), resource.length());
		if (range == null) {
			response.setContentLengthLong(resource.length());
			if (!head) {
				copy(x, resource, 0, resource.length());
			}
			return;
		}
		if (range.length == 0) {
			response.setHeader("Content-Range", "bytes */" + resource.length());
			response.setStatus(416);
			return;
		}
		response.setStatus(206);
		response.setHeader("Content-Range", "bytes " + range[0] + "-" + (range[0] + range[1] - 1) + "/" + resource.length());
		response.setContentLengthLong(range[1]);
		if (!head) {
			copy(x, resource, range[0], range[1]);
		}
	}

	private static void copy(DavExchange x, DavResource resource, long offset, long length) throws IOException {
		if (length >= SENDFILE_FROM && Boolean.TRUE.equals(x.request().getAttribute(SENDFILE_SUPPORT))) {
			Optional<Path> file = x.repo().localFile(resource);
			if (file.isPresent()) {
				// Tomcat sends it after we return, from the page cache to the socket without copying through the heap
				x.request().setAttribute(SENDFILE_FILE, file.get().toString());
				x.request().setAttribute(SENDFILE_START, offset);
				x.request().setAttribute(SENDFILE_END, offset + length);
				return;
			}
		}
		try (InputStream in = x.repo().read(resource, offset, length); OutputStream out = x.response().getOutputStream()) {
			byte[] buffer = new byte[(int) Math.max(1, Math.min(length, COPY_BUFFER))];
			for (int n; (n = in.read(buffer)) >= 0;) {
				out.write(buffer, 0, n);
			}
		}
	}

	/** A folder in a browser: the names of its members, one a line. */
	private static void listing(DavExchange x, DavResource folder, boolean head) throws IOException {
		StringBuilder text = new StringBuilder();
		for (DavResource member : x.repo().children(folder)) {
			text.append(member.path().name()).append(member.collection() ? "/" : "").append('\n');
		}
		byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
		x.response().setContentType("text/plain;charset=UTF-8");
		x.response().setContentLength(body.length);
		if (!head) {
			x.response().getOutputStream().write(body);
		}
	}

	/**
	 * {offset, length} of a single range, null to send everything (no header, several ranges, a unit we
	 * do not know), an empty array when nothing of the range exists (416).
	 */
	static long[] range(String header, long size) {
		if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
			return null;
		}
		String spec = header.substring(6).trim();
		int dash = spec.indexOf('-');
		if (dash < 0) {
			return null;
		}
		try {
			String first = spec.substring(0, dash).trim();
			String last = spec.substring(dash + 1).trim();
			if (first.isEmpty()) {
				long suffix = Long.parseLong(last);
				return suffix == 0 || size == 0 ? new long[0] : new long[] { Math.max(0, size - suffix), Math.min(suffix, size) };
			}
			long from = Long.parseLong(first);
			long to = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
			if (from >= size || to < from) {
				return new long[0];
			}
			return new long[] { from, to - from + 1 };
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** {@code X-OC-Mtime}: seconds since 1970, maybe with a fraction; null when absent or not a sensible time. */
	static java.time.Instant clientModified(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			double seconds = Double.parseDouble(header.strip());
			// between 1970 and 9999: anything else is a client's mistake, not a time to keep
			if (!(seconds >= 0 && seconds < 253_402_300_800d)) {
				return null;
			}
			long whole = (long) seconds;
			return java.time.Instant.ofEpochSecond(whole, (long) ((seconds - whole) * 1_000_000_000L));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	public static void put(DavExchange x) throws IOException {
		if (x.target().map(DavResource::collection).orElse(false)) {
			throw new DavException(405, "A collection has no content to PUT.");
		}
		if (x.path().isRoot()) {
			throw new DavException(405, "The root is a collection.");
		}
		if (x.request().getHeader("Content-Range") != null) {
			throw new DavException(400, "Partial PUT (Content-Range) is not supported.");
		}
		if (x.target().isEmpty()) {
			TreeHandler.requireParent(x, x.path());
		}
		Preconditions.checkMatch(x);
		Preconditions.checkUnlocked(x, x.path(), x.target().isEmpty(), false);
		String type = x.request().getContentType();
		java.time.Instant modified = clientModified(x.request().getHeader("X-OC-Mtime"));
		long length = AnnouncedLength.of(x.request());
		InputStream body = AnnouncedLength.body(x.request(), length);
		DavResource written = modified == null ? x.repo().write(x.path(), body, type, length)
				: x.repo().write(x.path(), body, type, length, modified);
		if (modified != null) {
			// the clients that send the header look for this answer before they trust the time
			x.response().setHeader("X-OC-MTime", "accepted");
		}
		if (written.etag() != null) {
			x.response().setHeader("ETag", "\"" + written.etag() + "\"");
		}
		x.repo().extension().headers(written).forEach(x.response()::setHeader);
		x.response().setStatus(x.target().isPresent() ? 204 : 201);
	}
}
