package de.schulhaus.mail.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * Mail text made safe to show inside the page: HTML through the OWASP sanitizer (no scripts, no event
 * handlers, no styles, no forms or frames; links open in a new tab without a referrer), remote images
 * left out until the reader allows them for this message, {@code cid:} images served from the message
 * itself; plain text escaped, with its web addresses made links.
 */
final class MailHtml {

	private static final Pattern URL = Pattern.compile("\\b(https?://[^\\s<>\"']+[^\\s<>\"'.,;:!?)\\]])", Pattern.CASE_INSENSITIVE);

	private MailHtml() {
	}

	/** The HTML to show and how many remote images were held back. */
	record Safe(String html, int blockedImages) {
	}

	static Safe sanitize(String html, UUID messageId, boolean remoteImages) {
		AtomicInteger blocked = new AtomicInteger();
		PolicyFactory policy = new HtmlPolicyBuilder()
			.allowCommonInlineFormattingElements()
			.allowCommonBlockElements()
			.allowElements("a", "img", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "hr", "pre", "code", "blockquote",
					"dl", "dt", "dd", "br", "span", "div", "center", "font")
			.allowAttributes("href").onElements("a")
			.allowAttributes("src", "alt", "width", "height").onElements("img")
			.allowAttributes("colspan", "rowspan").onElements("td", "th")
			.allowAttributes("title").globally()
			.allowUrlProtocols("http", "https", "mailto", "cid")
			.requireRelsOnLinks("noopener", "noreferrer", "nofollow")
			.allowElements((name, attrs) -> {
				int href = attrs.indexOf("href");
				if (href >= 0 && href % 2 == 0) {
					attrs.add("target");
					attrs.add("_blank");
				}
				return name;
			}, "a")
			.allowElements((name, attrs) -> image(attrs, messageId, remoteImages, blocked), "img")
			.toFactory();
		String safe = policy.sanitize(html);
		return new Safe(safe, blocked.get());
	}

	/** Rewrites an image's source: its own part for cid:, kept or held back for the web; null drops it. */
	private static String image(List<String> attrs, UUID messageId, boolean remoteImages, AtomicInteger blocked) {
		for (int i = 0; i + 1 < attrs.size(); i += 2) {
			if (!attrs.get(i).equals("src")) {
				continue;
			}
			String src = attrs.get(i + 1).strip();
			String lower = src.toLowerCase(Locale.ROOT);
			if (lower.startsWith("cid:")) {
				attrs.set(i + 1, "/mail/nachricht/" + messageId + "/bild?cid=" + UriUtils.encodeQueryParam(src.substring(4), "UTF-8"));
			} else if (lower.startsWith("http://") || lower.startsWith("https://")) {
				if (!remoteImages) {
					blocked.incrementAndGet();
					attrs.remove(i + 1);
					attrs.remove(i);
					attrs.add("data-blocked");
					attrs.add("true");
				}
			} else {
				attrs.remove(i + 1);
				attrs.remove(i);
			}
			return "img";
		}
		return "img";
	}

	/** Plain text as HTML: escaped, line breaks kept by the container's style, web addresses as links. */
	static String plain(String text) {
		StringBuilder out = new StringBuilder();
		Matcher url = URL.matcher(text);
		int at = 0;
		while (url.find()) {
			out.append(HtmlUtils.htmlEscape(text.substring(at, url.start())));
			String href = HtmlUtils.htmlEscape(url.group(1));
			out.append("<a href=\"").append(href).append("\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">").append(href).append("</a>");
			at = url.end();
		}
		out.append(HtmlUtils.htmlEscape(text.substring(at)));
		return out.toString();
	}
}
