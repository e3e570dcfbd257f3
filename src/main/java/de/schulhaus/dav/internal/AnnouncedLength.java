package de.schulhaus.dav.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

import jakarta.servlet.http.HttpServletRequest;

import de.schulhaus.dav.DavException;

/**
 * How long a PUT's body says it is: its Content-Length, or for a chunked body the size macOS Finder announces in
 * {@code X-Expected-Entity-Length} (Finder sends every file chunked), so that the quota is checked before the bytes
 * come either way.
 */
final class AnnouncedLength {

	private AnnouncedLength() {
	}

	/** The announced length, -1 when none is. */
	static long of(HttpServletRequest request) {
		long length = request.getContentLengthLong();
		if (length >= 0) {
			return length;
		}
		String expected = request.getHeader("X-Expected-Entity-Length");
		try {
			return expected == null ? -1 : Math.max(-1, Long.parseLong(expected.strip()));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * The body; where only Finder's header announced bytes, after making sure some arrived: a proxy that drops chunked
	 * bodies would else leave an empty file where the person sees a copied one. As in SabreDAV, the size itself may
	 * differ: Finder sends chunked because a file may still grow while it is copied.
	 */
	static InputStream body(HttpServletRequest request, long announced) throws IOException {
		InputStream body = request.getInputStream();
		if (announced <= 0 || request.getContentLengthLong() >= 0) {
			return body;
		}
		PushbackInputStream in = new PushbackInputStream(body, 1);
		int first = in.read();
		if (first < 0) {
			throw new DavException(400, "The body is empty though X-Expected-Entity-Length announced " + announced
					+ " bytes; a proxy in between may drop chunked request bodies.");
		}
		in.unread(first);
		return in;
	}
}
