package de.schulhaus.dav.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Where a DAV answer's XML goes: UTF-8 into one buffer, handed to the response's stream when full and on
 * {@link #flush()}. Text is escaped here in runs ({@link #text(String)}): the JDK's writer looks at every
 * character on its own and copies the whole text once per run it writes, which was most of a multiget of
 * 1,000 events before the JIT compiler had caught up with it (a fresh server's first reports).
 */
final class Utf8Sink extends Writer {

	private static final int SIZE = 32 * 1024;

	private final OutputStream out;
	private final byte[] buffer = new byte[SIZE];
	private int length;
	/** While set, {@link #flush()} leaves the bytes here: the XML writer's own buffer is being emptied into this one. */
	private boolean holding;
	/** A high surrogate that ended the last write, waiting for its pair. */
	private char pending;

	Utf8Sink(OutputStream out) {
		this.out = out;
	}

	/** Writes the text escaped as XML character data: {@code <}, {@code &} and {@code >} as entities. */
	void text(String text) throws IOException {
		int end = text.length();
		int lt = text.indexOf('<');
		int amp = text.indexOf('&');
		int gt = text.indexOf('>');
		int from = 0;
		while (true) {
			int next = Math.min(lt < 0 ? end : lt, Math.min(amp < 0 ? end : amp, gt < 0 ? end : gt));
			write(text, from, next - from);
			if (next == end) {
				return;
			}
			char c = text.charAt(next);
			write(c == '<' ? "&lt;" : c == '&' ? "&amp;" : "&gt;");
			from = next + 1;
			if (c == '<') {
				lt = text.indexOf('<', from);
			}
			else if (c == '&') {
				amp = text.indexOf('&', from);
			}
			else {
				gt = text.indexOf('>', from);
			}
		}
	}

	/** The XML writer empties its buffer into this one without the bytes going on to the response yet. */
	void hold(boolean hold) {
		holding = hold;
	}

	@Override
	public void write(String text, int offset, int count) throws IOException {
		if (count == 0) {
			return;
		}
		if (pending != 0 || Character.isHighSurrogate(text.charAt(offset + count - 1))) {
			write(text.toCharArray(), offset, count);
			return;
		}
		bytes(offset == 0 && count == text.length() ? text : text.substring(offset, offset + count));
	}

	@Override
	public void write(char[] chars, int offset, int count) throws IOException {
		if (count == 0) {
			return;
		}
		StringBuilder text = new StringBuilder(count + 1);
		if (pending != 0) {
			text.append(pending);
			pending = 0;
		}
		text.append(chars, offset, count);
		if (Character.isHighSurrogate(text.charAt(text.length() - 1))) {
			pending = text.charAt(text.length() - 1);
			text.setLength(text.length() - 1);
		}
		bytes(text.toString());
	}

	private void bytes(String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (bytes.length > SIZE - length) {
			drain();
			if (bytes.length >= SIZE) {
				out.write(bytes);
				return;
			}
		}
		System.arraycopy(bytes, 0, buffer, length, bytes.length);
		length += bytes.length;
	}

	private void drain() throws IOException {
		if (length > 0) {
			out.write(buffer, 0, length);
			length = 0;
		}
	}

	@Override
	public void flush() throws IOException {
		if (!holding) {
			drain();
			out.flush();
		}
	}

	@Override
	public void close() throws IOException {
		if (pending != 0) {
			char lone = pending;
			pending = 0;
			bytes(String.valueOf(lone));
		}
		drain();
		out.close();
	}
}
