package de.schulhaus.files.web;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} with the name twice (RFC 6266): an ASCII stand-in for old
 * clients and the exact UTF-8 name as {@code filename*} (RFC 5987), so "Übung 3.pdf" arrives as such.
 */
final class Attachments {

	private static final String ATTR_CHARS = "!#$&+-.^_`|~";

	private Attachments() {
	}

	static String contentDisposition(String name) {
		return "attachment; filename=\"" + ascii(name) + "\"; filename*=UTF-8''" + encode(name);
	}

	static String ascii(String name) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
		}
		return out.toString();
	}

	static String encode(String name) {
		StringBuilder out = new StringBuilder();
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHARS.indexOf(c) >= 0)) {
				out.append(c);
			}
			else {
				out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
					.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
			}
		}
		return out.toString();
	}
}
