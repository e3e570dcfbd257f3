package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The Markdown subset as HTML, and that nothing the author writes becomes markup of its own. */
class MessageTextTests {

	final MessageText text = new MessageText();

	String html(String body) {
		return text.html(body, List.of());
	}

	@Test
	void emphasisCodeAndParagraphs() {
		assertThat(html("Das ist **wichtig** und *schräg* und _auch schräg_ und `code`"))
			.isEqualTo("<p>Das ist <strong>wichtig</strong> und <em>schräg</em> und <em>auch schräg</em> und <code>code</code></p>");
		assertThat(html("Zeile 1\nZeile 2\n\nAbsatz")).isEqualTo("<p>Zeile 1<br />Zeile 2</p><p>Absatz</p>");
		assertThat(html("`**nicht fett**`")).isEqualTo("<p><code>**nicht fett**</code></p>");
		assertThat(html("3 * 4 * 5 und snake_case_name")).as("no emphasis from arithmetic or names").isEqualTo("<p>3 * 4 * 5 und snake_case_name</p>");
	}

	@Test
	void listsAndCodeBlocks() {
		assertThat(html("Einkaufen:\n- Brot\n- **Käse**\n\n1. eins\n2. zwei"))
			.isEqualTo("<p>Einkaufen:</p><ul><li>Brot</li><li><strong>Käse</strong></li></ul><ol><li>eins</li><li>zwei</li></ol>");
		assertThat(html("```\nif (a < b) {\n  **x**\n}\n```\nDanach"))
			.isEqualTo("<pre><code>if (a &lt; b) {\n  **x**\n}</code></pre><p>Danach</p>");
	}

	@Test
	void linksOnlyForHttpHttpsAndMailto() {
		assertThat(html("[Plan](https://schule.example/plan?a=1&b=2)").replaceAll(" rel=\"[a-z ]+\"", ""))
			.isEqualTo("<p><a href=\"https://schule.example/plan?a&#61;1&amp;b&#61;2\">Plan</a></p>");
		assertThat(html("[Plan](https://schule.example/plan)")).containsPattern("rel=\"[a-z ]*noopener[a-z ]*\"").contains("nofollow");
		assertThat(html("Siehe https://schule.example/x.").replaceAll(" rel=\"[a-z ]+\"", ""))
			.isEqualTo("<p>Siehe <a href=\"https://schule.example/x\">https://schule.example/x</a>.</p>");
		assertThat(html("[Mail](mailto:sekretariat@schule.example)")).contains("href=\"mailto:sekretariat&#64;schule.example\"");
		assertThat(html("[klick](javascript:alert(1))")).doesNotContain("<a").contains("javascript:alert(1)");
		assertThat(html("[klick](data:text/html;base64,PHNjcmlwdD4=)")).doesNotContain("<a");
	}

	@Test
	void htmlAndScriptStayInert() {
		assertThat(html("<script>alert('x')</script>")).isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>");
		assertThat(html("<img src=x onerror=alert(1)>")).doesNotContain("<img").contains("&lt;img");
		assertThat(html("[x\" onmouseover=\"alert(1)](https://a.example/\"onmouseover=\"alert(1))")).doesNotContain("onmouseover=\"alert");
		assertThat(html("**<b>fett</b>**")).isEqualTo("<p><strong>&lt;b&gt;fett&lt;/b&gt;</strong></p>");
		assertThat(html("\u0000" + "0\u0001 `a`")).doesNotContain("\u0000").contains("<code>a</code>");
	}

	@Test
	void mentionsOfTheNamedPeopleAreMarked() {
		assertThat(text.html("@Anna Schmidt und @Anna Schmidtke, bitte", List.of("Anna Schmidt")))
			.isEqualTo("<p><span class=\"mention\">&#64;Anna Schmidt</span> und &#64;Anna Schmidtke, bitte</p>");
		assertThat(text.html("@<b>", List.of("<b>"))).isEqualTo("<p><span class=\"mention\">&#64;&lt;b&gt;</span></p>");
	}

	@Test
	void aMentionIsANameOfTheRoomAfterAnAtSign() {
		assertThat(Mentions.mentions("Hallo @Tina Tafel!", "Tina Tafel")).isTrue();
		assertThat(Mentions.mentions("hallo @tina tafel", "Tina Tafel")).isTrue();
		assertThat(Mentions.mentions("@Tina Tafelberg", "Tina Tafel")).isFalse();
		assertThat(Mentions.mentions("mail an tina@tafel", "tafel")).isFalse();
		assertThat(Mentions.mentions("Tina Tafel", "Tina Tafel")).isFalse();
	}

	@Test
	void plainTextGetsTheSameHtmlWithoutTheFormattingAndTheSanitizer() {
		assertThat(html("Morgen <b>kein</b> Sport & \"Schwimmen\" = 'frei' + @alle\r\n\r\nÄpfel 😀 – fertig…"))
			.isEqualTo(text.formatted("Morgen <b>kein</b> Sport & \"Schwimmen\" = 'frei' + @alle\r\n\r\nÄpfel 😀 – fertig…", List.of()))
			.isEqualTo("<p>Morgen &lt;b&gt;kein&lt;/b&gt; Sport &amp; &#34;Schwimmen&#34; &#61; &#39;frei&#39; &#43; &#64;alle</p><p>Äpfel &#x1f600; – fertig…</p>");
		// random texts of plain characters, markup, line breaks, controls, lone surrogates and non-characters: whichever way a
		// text takes, its HTML is what formatting and sanitizing make of it
		String[] parts = { "a", "Z", "ß", "ü", " ", "  ", "\n", "\r\n", "\n\n", "\t", "<", ">", "&", "\"", "'", "=", "+", "@", "`", "*", "**", "_",
			"[", "]", "(", ")", "{", "{{", "}", "~", "-", "- ", "1. ", "2) ", "```", "http://x.de", "https://s.de/a?b=1", "mailto:a@b.de", "://",
			":", ".", ",", "!", "?", "#", "%", "$", "/", "\\", "|", "^", "\u0000", "\u0001", "\u0007", "\u007f", "\u0085", "\u00a0", "\u00ad",
			"\u200b", "\u2028", "\u2029", "\u202e", "\ufeff", "\ufdd0", "\ufffe", "\uffff", "\ud83d", "\ude00", "😀", "👍🏽", "€", "…", "–",
			"\u0301", "中文", "עברית", "\u061c", "&amp;", "&#39;", "&lt;b&gt;", "<script>", "javascript:", "\u0000\u0001" };
		java.util.Random random = new java.util.Random(13);
		int plain = 0;
		for (int n = 0; n < 20_000; n++) {
			StringBuilder body = new StringBuilder();
			int length = 1 + random.nextInt(12);
			// most texts from the plain parts only (the first 20 and the Unicode ones), so the plain way is taken often
			boolean mostlyPlain = random.nextBoolean();
			for (int i = 0; i < length; i++) {
				String part = parts[random.nextInt(parts.length)];
				if (mostlyPlain && (part.indexOf('`') >= 0 || part.indexOf('*') >= 0 || part.indexOf('_') >= 0 || part.indexOf('[') >= 0
						|| part.indexOf('{') >= 0 || part.contains("://") || part.startsWith("-") || part.matches("\\d.*") || part.length() == 1 && part.charAt(0) < 0x20 && part.charAt(0) != '\n')) {
					part = "x";
				}
				body.append(part);
			}
			String text = body.toString();
			String fast = html(text);
			assertThat(fast).as("%s", text.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList()).isEqualTo(this.text.formatted(text, List.of()));
			plain += MessageText.plain(text) ? 1 : 0;
		}
		assertThat(plain).as("texts that took the short way").isBetween(3_000, 17_000);
	}
}
