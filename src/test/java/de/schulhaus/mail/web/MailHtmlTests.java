package de.schulhaus.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.schulhaus.platform.InvalidInputException;

/** What the webmail lets through into a page and into a message, without the application. */
class MailHtmlTests {

	private static final UUID ID = UUID.fromString("01900000-0000-7000-8000-000000000001");

	@Test
	void scriptsHandlersStylesAndFramesNeverReachThePage() {
		String dirty = "<div style=\"position:fixed\" onmouseover=\"x()\">Hi<script>alert(1)</script><svg onload=alert(2)></svg>"
				+ "<img src=x onerror=alert(3)><iframe src=https://e.example></iframe><a href=\"javascript:alert(4)\">a</a>"
				+ "<a href=\"data:text/html,<script>alert(5)</script>\">b</a><style>body{display:none}</style><object data=x></object>"
				+ "<form><button formaction=https://e.example>c</button></form><math><mtext><table><mglyph><style><img src=x onerror=alert(6)>"
				+ "</style></mglyph></table></mtext></math></div>";
		String safe = MailHtml.sanitize(dirty, ID, true).html();
		assertThat(safe).doesNotContainIgnoringCase("script").doesNotContainIgnoringCase("onerror").doesNotContainIgnoringCase("onload")
			.doesNotContainIgnoringCase("onmouseover").doesNotContainIgnoringCase("style").doesNotContainIgnoringCase("iframe")
			.doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("data:").doesNotContainIgnoringCase("<form")
			.doesNotContainIgnoringCase("formaction").doesNotContainIgnoringCase("<object").doesNotContain("alert(").contains("Hi");
	}

	@Test
	void remoteImagesAreHeldBackAndCountedCidImagesComeFromTheMessage() {
		String html = "<img src=\"https://t.example/p.gif\"><img src=\"HTTP://t.example/q.gif\" alt=\"Q\"><img src=\"cid:bild1@x\">"
				+ "<img src=\"/relative.png\"><img src=\"file:///etc/passwd\">";
		MailHtml.Safe blocked = MailHtml.sanitize(html, ID, false);
		assertThat(blocked.blockedImages()).isEqualTo(2);
		assertThat(blocked.html()).doesNotContain("t.example").doesNotContain("relative.png").doesNotContain("passwd")
			.contains("/mail/nachricht/" + ID + "/bild?cid&#61;bild1&#64;x").contains("alt=\"Q\"");
		MailHtml.Safe allowed = MailHtml.sanitize(html, ID, true);
		assertThat(allowed.blockedImages()).isZero();
		assertThat(allowed.html()).contains("src=\"https://t.example/p.gif\"");
	}

	@Test
	void linksOpenInANewTabWithoutReferrer() {
		assertThat(MailHtml.sanitize("<a href=\"https://schule.example/plan\">Plan</a>", ID, false).html())
			.contains("href=\"https://schule.example/plan\"").contains("target=\"_blank\"").contains("noreferrer").contains("noopener");
	}

	@Test
	void plainTextIsEscapedAndItsAddressesBecomeLinks() {
		String html = MailHtml.plain("<script>x</script> Siehe https://example.org/a?b=1&c=2. Oder \"http://x.example\"!");
		assertThat(html).startsWith("&lt;script&gt;x&lt;/script&gt;")
			.contains("<a href=\"https://example.org/a?b=1&amp;c=2\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">https://example.org/a?b=1&amp;c=2</a>. Oder")
			.contains("href=\"http://x.example\"");
	}

	@Test
	void theEditorsHtmlKeepsOnlyWhatTheToolbarMakesAndGetsAPlainAlternative() {
		String clean = ComposedHtml.clean("<p>Hallo <b>Klasse</b> <span style=\"color:red\" onclick=\"x()\">7b</span></p><ul><li>Eins</li><li>Zwei</li></ul>"
				+ "<a href=\"https://schule.example\">Plan</a><img src=https://t.example/x.gif><script>x()</script>");
		assertThat(clean).contains("<b>Klasse</b>").contains("<li>Eins</li>").doesNotContain("style").doesNotContain("onclick").doesNotContain("<img")
			.doesNotContain("script");
		assertThat(ComposedHtml.toPlain(clean)).contains("Hallo Klasse 7b").contains("- Eins\n- Zwei").contains("Plan (https://schule.example)");
	}

	@Test
	void lineBreaksInHeaderFieldsAreRefusedAndAddressesChecked() {
		for (ComposeForm form : List.of(form("a@x.de", "Hallo\r\nBcc: b@x.de"), form("a@x.de\nBcc: b@x.de", "Hallo"), form("a@x.de", "Hallo\u0000"))) {
			assertThatThrownBy(form::checkHeaders).isInstanceOf(InvalidInputException.class)
				.extracting(e -> ((InvalidInputException) e).messageKey()).isEqualTo("mail.compose.error.headerInjection");
		}
		assertThat(form("Anna <a@x.de>; b@x.de, ", "x").recipients(true)).extracting(a -> a.getAddress()).containsExactly("a@x.de", "b@x.de");
		assertThatThrownBy(() -> form("a@x.de, nicht gültig", "x").recipients(true)).isInstanceOf(InvalidInputException.class)
			.extracting(e -> ((InvalidInputException) e).args()[0]).isEqualTo("nicht gültig");
		assertThatThrownBy(() -> form("", "x").recipients(true)).isInstanceOf(InvalidInputException.class);
		assertThat(form("", "x").recipients(false)).isEmpty();
	}

	private static ComposeForm form(String to, String subject) {
		return new ComposeForm(to, "", "", subject, "", "text", null, null, null, null, null, null, null);
	}
}
