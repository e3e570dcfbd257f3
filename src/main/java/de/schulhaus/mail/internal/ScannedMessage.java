package de.schulhaus.mail.internal;

import java.time.Instant;
import java.util.List;

/**
 * What lists, threads and searches need of a message, read from it once at delivery.
 *
 * @param headerBytes length of the header section with its blank line (where the body starts)
 * @param sentAt the Date header, or null when missing or unreadable
 * @param fromAddress the first From address in lower case, or null
 * @param references Message-IDs of In-Reply-To and References, for threading
 * @param text the readable text (the first text part, HTML without markup), at most {@link MessageScan#MAX_TEXT} characters
 * @param calendarReply whether a part is {@code text/calendar; method=REPLY} (an answer to an invitation)
 */
public record ScannedMessage(long headerBytes, Instant sentAt, String subject, String fromAddress, String fromName, String toText,
		String ccText, String messageId, String inReplyTo, List<String> references, boolean hasAttachments, String text,
		boolean calendarReply) {

	/** The first 200 characters of the text with runs of white space as one space. */
	public String preview() {
		if (text == null) {
			return "";
		}
		// walks only as far as the preview reaches: the text may be 100,000 characters
		StringBuilder flat = new StringBuilder(200);
		boolean space = false;
		for (int i = 0; i < text.length() && flat.length() < 200; i++) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				space = !flat.isEmpty();
			} else {
				if (space) {
					flat.append(' ');
					space = false;
				}
				if (flat.length() < 200) {
					flat.append(c);
				}
			}
		}
		return flat.toString();
	}
}
