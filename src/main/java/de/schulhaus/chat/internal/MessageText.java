package de.schulhaus.chat.internal;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** A message's text as readers see it: safe HTML made on the server, never the author's markup. */
@Component
public class MessageText {

	/** The text as HTML: paragraphs and line breaks, everything else escaped. */
	String html(String body, List<String> mentionedNames) {
		StringBuilder html = new StringBuilder();
		for (String paragraph : body.split("\n\\s*\n")) {
			html.append("<p>").append(HtmlUtils.htmlEscape(paragraph.strip(), "UTF-8").replace("\n", "<br>")).append("</p>");
		}
		return html.toString();
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
}
