package de.schulhaus.mail.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2047 encoded words in header text (Subject, a From's display name, an attachment's file name), decoded as mail programs do it, not as
 * strictly as the RFC asks: words that split a character between them are joined before decoding, Base64
 * without padding and Q with raw 8-bit characters are read, and bytes that are not what the word declares
 * (Latin-1 in a word that says UTF-8, an unknown charset) are read as UTF-8 where they are, else Latin-1,
 * as raw header bytes are. An unterminated word stays as it is.
 */
public final class EncodedWords {

	private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([QqBb])\\?([^?]*)\\?=");
	private static final Pattern BASE64_NOISE = Pattern.compile("[^A-Za-z0-9+/]");

	private EncodedWords() {
	}

	public static String decode(String text) {
		if (text == null || !text.contains("=?")) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		Matcher word = WORD.matcher(text);
		int end = 0;
		// bytes of adjacent words with one charset, decoded together: a character may be split between them
		ByteArrayOutputStream pending = new ByteArrayOutputStream();
		String pendingCharset = null;
		while (word.find()) {
			String between = text.substring(end, word.start());
			boolean adjacent = pendingCharset != null && between.isBlank();
			String charset = word.group(1).replaceFirst("\\*.*$", "");
			if (!adjacent || !charset.equalsIgnoreCase(pendingCharset)) {
				flush(pending, pendingCharset, out);
				pendingCharset = null;
				if (!adjacent) {
					out.append(between);
				}
			}
			byte[] bytes = "B".equalsIgnoreCase(word.group(2)) ? base64(word.group(3)) : q(word.group(3), charsetOrNull(charset));
			pending.writeBytes(bytes);
			pendingCharset = charset;
			end = word.end();
		}
		flush(pending, pendingCharset, out);
		out.append(text, end, text.length());
		return out.toString();
	}

	private static void flush(ByteArrayOutputStream pending, String charset, StringBuilder out) {
		if (pending.size() == 0) {
			return;
		}
		byte[] bytes = pending.toByteArray();
		pending.reset();
		Charset declared = charsetOrNull(charset);
		if (declared != null && !declared.equals(StandardCharsets.UTF_8) && !declared.equals(StandardCharsets.US_ASCII)) {
			out.append(new String(bytes, declared));
			return;
		}
		out.append(MessageScan.utf8OrLatin1(bytes));
	}

	private static Charset charsetOrNull(String name) {
		try {
			return Charset.forName(name.strip());
		} catch (RuntimeException unknown) {
			return null;
		}
	}

	/** Base64 with the characters that do not belong to it left out and the padding not required. */
	private static byte[] base64(String text) {
		String clean = BASE64_NOISE.matcher(text).replaceAll("");
		if (clean.length() % 4 == 1) {
			clean = clean.substring(0, clean.length() - 1);
		}
		try {
			return Base64.getDecoder().decode(clean);
		} catch (IllegalArgumentException unreadable) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
	}

	/** Q: {@code _} is a space, {@code =XX} a byte; a broken escape stays as it is, a raw character is taken in the word's charset. */
	private static byte[] q(String text, Charset declared) {
		Charset raw = declared == null ? StandardCharsets.UTF_8 : declared;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '_') {
				bytes.write(' ');
			} else if (c == '=' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
				bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
				i += 2;
			} else if (c < 128) {
				bytes.write(c);
			} else {
				int length = Character.isHighSurrogate(c) && i + 1 < text.length() ? 2 : 1;
				String character = text.substring(i, i + length);
				i += length - 1;
				bytes.writeBytes(raw.newEncoder().canEncode(character) ? character.getBytes(raw) : character.getBytes(StandardCharsets.UTF_8));
			}
		}
		return bytes.toByteArray();
	}

	private static int hex(char c) {
		return Character.digit(c, 16);
	}
}
