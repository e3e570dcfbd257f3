package de.schulhaus.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Headers as mail programs really write them: what the message list shows must be readable. */
class MessageScanTests {

	private static ScannedMessage scan(String header, Charset bytes) throws IOException {
		return MessageScan.scan(new ByteArrayInputStream((header + "\r\n\r\nText\r\n").getBytes(bytes)));
	}

	private static String subject(String subject) throws IOException {
		return scan("From: joerg@example.org\r\nSubject: " + subject, StandardCharsets.US_ASCII).subject();
	}

	@Test
	void rawUtf8HeadersAreReadAsUtf8() throws IOException {
		ScannedMessage message = scan("From: Jörg Müller <Joerg@Example.org>\r\nTo: Änne Öz <aenne@example.org>\r\nSubject: Grüße zum Schulfest",
				StandardCharsets.UTF_8);
		assertThat(message.subject()).isEqualTo("Grüße zum Schulfest");
		assertThat(message.fromName()).isEqualTo("Jörg Müller");
		assertThat(message.fromAddress()).isEqualTo("joerg@example.org");
		assertThat(message.toText()).isEqualTo("Änne Öz <aenne@example.org>");
	}

	@Test
	void rawLatin1HeadersAreReadAsLatin1() throws IOException {
		ScannedMessage message = scan("From: Jörg Müller <joerg@example.org>\r\nTo: Änne Öz <aenne@example.org>\r\nSubject: Grüße zum Schulfest",
				StandardCharsets.ISO_8859_1);
		assertThat(message.subject()).isEqualTo("Grüße zum Schulfest");
		assertThat(message.fromName()).isEqualTo("Jörg Müller");
		assertThat(message.toText()).isEqualTo("Änne Öz <aenne@example.org>");
	}

	@Test
	void encodedWordsAreDecodedAcrossFoldsAndSplitCharacters() throws IOException {
		assertThat(subject("=?UTF-8?Q?Elternabend_f=C3=BCr_die_5a?=")).isEqualTo("Elternabend für die 5a");
		assertThat(subject("=?ISO-8859-1?Q?K=F6ln?= am Rhein")).isEqualTo("Köln am Rhein");
		assertThat(subject("=?utf-8?b?S2xhc3NlbmZhaHJ0?=\r\n =?utf-8?b?IG5hY2ggS8O2bG4=?=")).isEqualTo("Klassenfahrt nach Köln");
		// the ü (C3 BC) split between two words, as some programs cut them
		assertThat(subject("=?UTF-8?Q?Gr=C3?= =?UTF-8?Q?=BC=C3=9Fe?=")).isEqualTo("Grüße");
		assertThat(subject("Re: =?UTF-8?Q?Wandertag?= am Freitag")).isEqualTo("Re: Wandertag am Freitag");
		assertThat(scan("From: joerg@example.org\r\nSubject: Ein langer\r\n Betreff", StandardCharsets.US_ASCII).subject())
			.isEqualTo("Ein langer Betreff");
	}

	@Test
	void aBrokenlyEncodedSenderNameIsShownReadably() throws IOException {
		assertThat(scan("From: =?UTF-8?Q?J=F6rg_M=FCller?= <joerg@example.org>\r\nSubject: x", StandardCharsets.US_ASCII).fromName())
			.isEqualTo("Jörg Müller");
		assertThat(scan("From: \"=?UTF-8?B?SsO2cmc?=\" <joerg@example.org>\r\nSubject: x", StandardCharsets.US_ASCII).fromName())
			.isEqualTo("Jörg");
		assertThat(scan("From: Jörg <joerg@example.org>\r\nSubject: x", StandardCharsets.UTF_8).fromName()).isEqualTo("Jörg");
	}

	@Test
	void brokenEncodedWordsAreShownReadably() throws IOException {
		// Latin-1 bytes in a word that says UTF-8 (older Outlook)
		assertThat(subject("=?UTF-8?Q?K=F6ln?= am Rhein")).isEqualTo("Köln am Rhein");
		assertThat(subject("=?utf-8?q?Gr=FC=DFe?=")).isEqualTo("Grüße");
		// Base64 without its padding, and with stray characters
		assertThat(subject("=?UTF-8?B?S8O2bG4?=")).isEqualTo("Köln");
		assertThat(subject("=?UTF-8?B?RWx0ZXJuYWJlbmQ=!!?=")).isEqualTo("Elternabend");
		// a charset nobody knows: the bytes read as raw ones are
		assertThat(subject("=?x-unbekannt?Q?Elternabend_f=C3=BCr_alle?=")).isEqualTo("Elternabend für alle");
		// raw 8-bit inside the word
		assertThat(scan("From: joerg@example.org\r\nSubject: =?UTF-8?Q?Elternabend_für_alle?=", StandardCharsets.UTF_8).subject())
			.isEqualTo("Elternabend für alle");
		assertThat(scan("From: joerg@example.org\r\nSubject: =?UTF-8?Q?Elternabend_für_alle?=", StandardCharsets.ISO_8859_1).subject())
			.isEqualTo("Elternabend für alle");
		// a broken escape and an unterminated word stay as they are
		assertThat(subject("=?UTF-8?Q?100=_sicher?=")).isEqualTo("100= sicher");
		assertThat(subject("=?UTF-8?Q?Elternabend_f=C3=BCr")).isEqualTo("=?UTF-8?Q?Elternabend_f=C3=BCr");
		// a cut character costs that character, not the rest
		assertThat(subject("=?UTF-8?Q?Gr=C3?= aus Berlin")).endsWith(" aus Berlin").startsWith("Gr");
	}
}
