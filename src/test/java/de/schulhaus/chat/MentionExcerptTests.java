package de.schulhaus.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The excerpt of a mentioned message in the mail digest: one line of the author's text, cut with "…". */
class MentionExcerptTests {

	@Test
	void lineBreaksAndControlCharactersBecomeOneSpace() {
		assertThat(MentionDigests.excerpt("@Paul Pult\r\nbitte  das Heft\tmitbringen\u0007!\n")).isEqualTo("@Paul Pult bitte das Heft mitbringen !");
	}

	@Test
	void markupStaysTextForThePlainMail() {
		assertThat(MentionDigests.excerpt("<b>Hallo</b> &amp; **fett**")).isEqualTo("<b>Hallo</b> &amp; **fett**");
	}

	@Test
	void longTextsAreCutAtTwoHundredCharactersWithoutSplittingAnEmoji() {
		String text = "a".repeat(198) + "😀😀😀 und weiter";
		String excerpt = MentionDigests.excerpt(text);
		assertThat(excerpt).endsWith("😀…").hasSize(198 + 2 + 1);
		assertThat(MentionDigests.excerpt("x".repeat(200))).isEqualTo("x".repeat(200));
		assertThat(MentionDigests.excerpt(null)).isEmpty();
	}
}
