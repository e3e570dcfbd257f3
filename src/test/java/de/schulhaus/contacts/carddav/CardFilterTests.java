package de.schulhaus.contacts.carddav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import de.schulhaus.dav.DavElement;
import de.schulhaus.dav.DavException;

/** addressbook-query filters on vCards as clients write them: folded lines, grouped properties, escapes, umlauts. */
class CardFilterTests {

	private static final String CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:k1\r\nFN:Jürgen Müller-\r\n Lüdenscheidt\r\n"
			+ "N:Müller-Lüdenscheidt;Jürgen;;;\r\nitem1.EMAIL;TYPE=INTERNET:J.Mueller@Example.ORG\r\nNOTE:Elternbeirat\\, 7b\r\nEND:VCARD\r\n";

	@Test
	void foldedGroupedAndEscapedValuesAreMatchedAsTheyRead() {
		assertThat(filter("<CR:prop-filter name=\"FN\"><CR:text-match match-type=\"equals\">jürgen müller-lüdenscheidt</CR:text-match></CR:prop-filter>")
			.matches(CARD)).isTrue();
		assertThat(filter("<CR:prop-filter name=\"EMAIL\"><CR:text-match match-type=\"ends-with\">@example.org</CR:text-match></CR:prop-filter>")
			.matches(CARD)).isTrue();
		assertThat(filter("<CR:prop-filter name=\"NOTE\"><CR:text-match match-type=\"equals\">Elternbeirat, 7b</CR:text-match></CR:prop-filter>")
			.matches(CARD)).isTrue();
	}

	@Test
	void collationsFoldWhatTheyPromise() {
		String upper = "<CR:prop-filter name=\"N\"><CR:text-match collation=\"%s\" match-type=\"starts-with\">MÜLLER</CR:text-match></CR:prop-filter>";
		assertThat(filter(upper.formatted("i;unicode-casemap")).matches(CARD)).isTrue();
		// ascii-casemap folds A-Z only: Ü stays Ü, so "MÜLLER" is not "Müller"
		assertThat(filter(upper.formatted("i;ascii-casemap")).matches(CARD)).isFalse();
		assertThat(filter(upper.formatted("i;octet")).matches(CARD)).isFalse();
		assertThat(filter(upper.formatted("i;octet").replace("MÜLLER", "Müller")).matches(CARD)).isTrue();
	}

	@Test
	void testsCombineAndNegate() {
		String noNickname = "<CR:prop-filter name=\"NICKNAME\"><CR:is-not-defined/></CR:prop-filter>";
		String notMueller = "<CR:prop-filter name=\"FN\"><CR:text-match negate-condition=\"yes\">müller</CR:text-match></CR:prop-filter>";
		assertThat(filter(noNickname).matches(CARD)).isTrue();
		assertThat(filter(notMueller).matches(CARD)).isFalse();
		assertThat(filter(noNickname + notMueller).matches(CARD)).isTrue();
		assertThat(filterWith("allof", noNickname + notMueller).matches(CARD)).isFalse();
		String both = "<CR:prop-filter name=\"FN\" test=\"allof\"><CR:text-match>jürgen</CR:text-match><CR:text-match>petra</CR:text-match></CR:prop-filter>";
		assertThat(filter(both).matches(CARD)).isFalse();
		assertThat(filter(both.replace("allof", "anyof")).matches(CARD)).isTrue();
		assertThat(filter("").matches(CARD)).isTrue();
	}

	@Test
	void whatIsNotServedIsRefusedWithItsPrecondition() {
		assertThatThrownBy(() -> filter("<CR:prop-filter name=\"FN\"><CR:param-filter name=\"TYPE\"/></CR:prop-filter>"))
			.isInstanceOf(DavException.class).extracting(e -> ((DavException) e).precondition().getLocalPart()).isEqualTo("supported-filter");
		assertThatThrownBy(() -> filter("<CR:prop-filter name=\"FN\"><CR:text-match match-type=\"regex\">x</CR:text-match></CR:prop-filter>"))
			.isInstanceOf(DavException.class).extracting(e -> ((DavException) e).precondition().getLocalPart()).isEqualTo("supported-filter");
		assertThatThrownBy(() -> filter("<CR:prop-filter><CR:text-match>x</CR:text-match></CR:prop-filter>"))
			.isInstanceOf(DavException.class).extracting(e -> ((DavException) e).precondition().getLocalPart()).isEqualTo("valid-filter");
	}

	private static CardFilter filter(String inside) {
		return filterWith("anyof", inside);
	}

	private static CardFilter filterWith(String test, String inside) {
		String xml = "<CR:filter xmlns:CR=\"urn:ietf:params:xml:ns:carddav\" test=\"" + test + "\">" + inside + "</CR:filter>";
		return CardFilter.of(DavElement.parse(xml.getBytes(StandardCharsets.UTF_8)));
	}
}
