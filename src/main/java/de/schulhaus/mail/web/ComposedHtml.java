package de.schulhaus.mail.web;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.web.util.HtmlUtils;

/**
 * The editor's HTML as it may leave: only what the toolbar makes (bold, italic, lists, links, paragraphs,
 * quotes) and the quoted text of a reply; everything else a browser or a paste brings along is dropped.
 * Its plain-text alternative keeps paragraphs, list items and the addresses of links.
 */
final class ComposedHtml {

	private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
		.allowElements("p", "div", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "a", "blockquote", "pre", "span")
		.allowAttributes("href").onElements("a")
		.allowStandardUrlProtocols()
		.requireRelsOnLinks("noopener", "noreferrer")
		.toFactory();

	private ComposedHtml() {
	}

	static String clean(String html) {
		return POLICY.sanitize(html == null ? "" : html);
	}

	static String toPlain(String cleanHtml) {
		String text = cleanHtml
			.replaceAll("(?i)<a [^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>", "$2 ($1)")
			.replaceAll("(?i)<br\\s*/?>", "\n")
			.replaceAll("(?i)<li[^>]*>", "\n- ")
			.replaceAll("(?i)</(p|div|ul|ol|blockquote|pre)>", "\n")
			.replaceAll("(?i)<blockquote[^>]*>", "\n> ")
			.replaceAll("<[^>]+>", "");
		return HtmlUtils.htmlUnescape(text).replaceAll("\n{3,}", "\n\n").strip() + "\n";
	}
}
