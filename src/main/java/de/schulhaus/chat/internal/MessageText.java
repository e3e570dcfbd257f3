package de.schulhaus.chat.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.owasp.html.Encoding;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * A message's text as readers see it: HTML made on the server from a small Markdown subset, never the
 * author's markup. Everything the author wrote is escaped first; then {@code **bold**}, {@code *italic*}
 * or {@code _italic_}, {@code `code`}, code blocks between {@code ```} lines, lists ({@code - }, {@code * },
 * {@code 1. }), links {@code [text](url)} and bare addresses (http, https and mailto only) and mentions
 * become elements. The result passes the OWASP sanitizer with exactly these elements as a second guard.
 */
@Component
public class MessageText {

	private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
		.allowElements("p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "a", "span")
		.allowUrlProtocols("http", "https", "mailto")
		.allowAttributes("href").onElements("a")
		.requireRelsOnLinks("nofollow", "noopener", "noreferrer")
		.allowAttributes("class").matching(Pattern.compile("mention")).onElements("span")
		.toFactory();

	private static final Pattern FENCE = Pattern.compile("^\\s*```.*$");
	private static final Pattern BULLET = Pattern.compile("^\\s*[-*]\\s+(.*)$");
	private static final Pattern NUMBERED = Pattern.compile("^\\s*\\d{1,9}[.)]\\s+(.*)$");
	private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
	// on escaped text: [text](url) with an allowed scheme, then bare addresses
	private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]+)\\]\\(((?:https?://|mailto:)[^\\s()]+)\\)", Pattern.CASE_INSENSITIVE);
	private static final Pattern BARE = Pattern.compile("(?<![\\w/.=\"])(https?://[^\\s<]+[^\\s<.,;:!?)\\]'])", Pattern.CASE_INSENSITIVE);
	private static final Pattern BOLD = Pattern.compile("\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*");
	private static final Pattern ITALIC_STAR = Pattern.compile("(?<![\\w*])\\*(?=[^\\s*])(.+?)(?<=[^\\s*])\\*(?![\\w*])");
	private static final Pattern ITALIC_UNDERSCORE = Pattern.compile("(?<![\\p{L}\\p{N}_])_(?=\\S)(.+?)(?<=\\S)_(?![\\p{L}\\p{N}_])");
	/** Around the number of a finished element while the rest of the line is worked on; taken out of the author's text. */
	private static final char OPEN = '\u0000';
	private static final char CLOSE = '\u0001';

	/** The text as safe HTML; {@code mentionedNames} are the display names of the people it mentions (shown marked). */
	public String html(String body, List<String> mentionedNames) {
		String[] lines = lines(body);
		if (mentionedNames.isEmpty() && plain(lines)) {
			return plainHtml(lines);
		}
		return formatted(lines, mentionedNames);
	}

	/** {@link #html} the long way for every text: formatting, then the sanitizer (for the test that both ways agree). */
	String formatted(String body, List<String> mentionedNames) {
		return formatted(lines(body), mentionedNames);
	}

	/** Whether {@link #html} takes the short way for this text without mentions. */
	static boolean plain(String body) {
		return plain(lines(body));
	}

	private static String[] lines(String body) {
		return body.replace("\r\n", "\n").replace('\r', '\n').replace(OPEN, ' ').replace(CLOSE, ' ').split("\n", -1);
	}

	/**
	 * Whether the text has nothing to format and nothing the sanitizer would drop: no character that starts formatting or a
	 * link, no list or code line, no control character, lone surrogate or non-character. Most messages are such plain
	 * text; for them {@link #plainHtml} writes what formatting and sanitizing would, without their cost (a tenth of a chat
	 * node's CPU under the chat bench). {@code MessageTextTests} checks that both ways give the same HTML.
	 */
	private static boolean plain(String[] lines) {
		for (String line : lines) {
			if (line.contains("://") || BULLET.matcher(line).matches() || NUMBERED.matcher(line).matches()) {
				return false;
			}
			for (int i = 0; i < line.length();) {
				int c = line.codePointAt(i);
				boolean ok = c >= 0x20 && c < 0x7F ? "*_`[{".indexOf(c) < 0
						: c >= 0xA0 && c < 0xD800 && c != 0x2028 && c != 0x2029
							|| c >= 0xE000 && c < 0xFDD0 || c >= 0xFDF0 && c < 0xFFFE
							|| c >= 0x10000 && (c & 0xFFFE) != 0xFFFE;
				if (!ok) {
					return false;
				}
				i += Character.charCount(c);
			}
		}
		return true;
	}

	/** Paragraphs of the plain text's lines, as {@link #formatted} and the sanitizer write them. */
	private static String plainHtml(String[] lines) {
		StringBuilder html = new StringBuilder();
		boolean open = false;
		try {
			for (String line : lines) {
				if (line.isBlank()) {
					if (open) {
						html.append("</p>");
						open = false;
					}
					continue;
				}
				html.append(open ? "<br />" : "<p>");
				open = true;
				Encoding.encodeRcdataOnto(line.strip(), html);
			}
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e); // a StringBuilder does not throw
		}
		return open ? html.append("</p>").toString() : html.toString();
	}

	private String formatted(String[] lines, List<String> mentionedNames) {
		StringBuilder html = new StringBuilder();
		List<String> paragraph = new ArrayList<>();
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (FENCE.matcher(line).matches()) {
				int end = i + 1;
				while (end < lines.length && !FENCE.matcher(lines[end]).matches()) {
					end++;
				}
				flush(paragraph, html, mentionedNames);
				html.append("<pre><code>").append(escape(String.join("\n", java.util.Arrays.asList(lines).subList(i + 1, end))))
					.append("</code></pre>");
				i = end;
				continue;
			}
			Matcher bullet = BULLET.matcher(line);
			Matcher numbered = NUMBERED.matcher(line);
			if (bullet.matches() || numbered.matches()) {
				flush(paragraph, html, mentionedNames);
				boolean ordered = !bullet.matches();
				html.append(ordered ? "<ol>" : "<ul>");
				while (i < lines.length) {
					Matcher item = (ordered ? NUMBERED : BULLET).matcher(lines[i]);
					if (!item.matches()) {
						break;
					}
					html.append("<li>").append(inline(item.group(1), mentionedNames)).append("</li>");
					i++;
				}
				i--;
				html.append(ordered ? "</ol>" : "</ul>");
				continue;
			}
			if (line.isBlank()) {
				flush(paragraph, html, mentionedNames);
			} else {
				paragraph.add(line);
			}
		}
		flush(paragraph, html, mentionedNames);
		return POLICY.sanitize(html.toString());
	}

	/** What a quote of the message shows: its first non-empty line, at most 120 characters. */
	static String firstLine(String body) {
		for (String line : body.split("\n")) {
			String stripped = line.strip();
			if (!stripped.isEmpty()) {
				return stripped.length() > 120 ? stripped.substring(0, 119) + "…" : stripped;
			}
		}
		return "";
	}

	private static void flush(List<String> paragraph, StringBuilder html, List<String> names) {
		if (paragraph.isEmpty()) {
			return;
		}
		html.append("<p>");
		for (int i = 0; i < paragraph.size(); i++) {
			html.append(i > 0 ? "<br>" : "").append(inline(paragraph.get(i).strip(), names));
		}
		html.append("</p>");
		paragraph.clear();
	}

	/** One line: code spans first (nothing inside them is formatted), then links, emphasis and mentions on the escaped rest. */
	private static String inline(String line, List<String> names) {
		List<String> done = new ArrayList<>();
		StringBuilder out = new StringBuilder();
		Matcher code = CODE.matcher(line);
		int at = 0;
		while (code.find()) {
			out.append(escape(line.substring(at, code.start())));
			out.append(hold(done, "<code>" + escape(code.group(1)) + "</code>"));
			at = code.end();
		}
		out.append(escape(line.substring(at)));
		String text = out.toString();
		text = replace(LINK, text, m -> hold(done, "<a href=\"" + m.group(2) + "\">" + m.group(1) + "</a>"));
		text = replace(BARE, text, m -> hold(done, "<a href=\"" + m.group(1) + "\">" + m.group(1) + "</a>"));
		text = replace(BOLD, text, m -> "<strong>" + m.group(1) + "</strong>");
		text = replace(ITALIC_STAR, text, m -> "<em>" + m.group(1) + "</em>");
		text = replace(ITALIC_UNDERSCORE, text, m -> "<em>" + m.group(1) + "</em>");
		for (String name : names.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
			String escaped = "@" + escape(name);
			text = replace(Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(escaped) + "(?![\\p{L}\\p{N}_])"), text,
					m -> hold(done, "<span class=\"mention\">" + escaped + "</span>"));
		}
		for (int i = done.size() - 1; i >= 0; i--) {
			text = text.replace(OPEN + Integer.toString(i) + CLOSE, done.get(i));
		}
		return text;
	}

	private static String hold(List<String> done, String element) {
		done.add(element);
		return OPEN + Integer.toString(done.size() - 1) + CLOSE;
	}

	private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> by) {
		Matcher m = pattern.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, Matcher.quoteReplacement(by.apply(m)));
		}
		m.appendTail(out);
		return out.toString();
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}
}
