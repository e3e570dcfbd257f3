package de.schulhaus.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Mailbox names in IMAP's modified UTF-7 (RFC 3501 5.1.3): {@code Entwürfe} is {@code Entw&APw-rfe}. */
final class ModifiedUtf7 {

	private ModifiedUtf7() {
	}

	static String encode(String name) {
		StringBuilder out = new StringBuilder();
		int i = 0;
		while (i < name.length()) {
			char c = name.charAt(i);
			if (c == '&') {
				out.append("&-");
				i++;
			} else if (c >= 0x20 && c <= 0x7e) {
				out.append(c);
				i++;
			} else {
				int j = i;
				while (j < name.length() && (name.charAt(j) < 0x20 || name.charAt(j) > 0x7e)) {
					j++;
				}
				byte[] utf16 = name.substring(i, j).getBytes(StandardCharsets.UTF_16BE);
				out.append('&').append(Base64.getEncoder().withoutPadding().encodeToString(utf16).replace('/', ',')).append('-');
				i = j;
			}
		}
		return out.toString();
	}

	/** Decodes a name; a malformed one is refused, so it never names a folder by accident. */
	static String decode(String name) {
		StringBuilder out = new StringBuilder();
		int i = 0;
		while (i < name.length()) {
			char c = name.charAt(i);
			if (c != '&') {
				// raw UTF-8 from clients that ignore the rule is taken as it is
				out.append(c);
				i++;
				continue;
			}
			int end = name.indexOf('-', i);
			if (end < 0) {
				throw new BadCommandException("malformed modified UTF-7 in mailbox name");
			}
			if (end == i + 1) {
				out.append('&');
			} else {
				try {
					byte[] utf16 = Base64.getDecoder().decode(name.substring(i + 1, end).replace(',', '/'));
					if (utf16.length % 2 != 0) {
						throw new IllegalArgumentException("odd length");
					}
					out.append(new String(utf16, StandardCharsets.UTF_16BE));
				} catch (IllegalArgumentException e) {
					throw new BadCommandException("malformed modified UTF-7 in mailbox name");
				}
			}
			i = end + 1;
		}
		return out.toString();
	}
}
