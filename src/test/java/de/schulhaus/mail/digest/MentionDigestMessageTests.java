package de.schulhaus.mail.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import de.schulhaus.chat.MentionDigests;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** The digest mail as a mail app shows it: headers, one plain UTF-8 text, the author's markup as mere text. */
class MentionDigestMessageTests {

	static final ResourceBundleMessageSource TEXTS = new ResourceBundleMessageSource();
	static {
		TEXTS.setBasenames("i18n/mail");
		TEXTS.setDefaultEncoding("UTF-8");
		TEXTS.setFallbackToSystemLocale(false);
		TEXTS.setDefaultLocale(Locale.GERMAN);
	}

	static final UUID ROOM_5A = UUID.randomUUID();
	static final UUID ROOM_DIRECT = UUID.randomUUID();
	// 29.11.2026, 08:00 in Berlin
	static final Instant MORNING = Instant.parse("2026-11-29T07:00:00Z");
	static final MentionDigestMessage.Addressing TO = new MentionDigestMessage.Addressing("noreply@gs-linden.example", "Grundschule Linden",
			"paul.pult@gs-linden.example", "Paul Pult", "https://schulhaus.example");

	static List<MentionDigests.Mention> mentions() {
		return List.of(
				new MentionDigests.Mention(UUID.randomUUID(), ROOM_5A, "5a", "Tina Tafel", MORNING, "@Paul Pult <b>bitte</b> das Heft mitbringen",
						"/chat/raum/" + ROOM_5A),
				new MentionDigests.Mention(UUID.randomUUID(), ROOM_5A, "5a", "Pia Pinsel", MORNING.plusSeconds(600), "@Paul Pult kommst du?",
						"/chat/raum/" + ROOM_5A),
				new MentionDigests.Mention(UUID.randomUUID(), ROOM_DIRECT, "Tina Tafel", "Tina Tafel", MORNING, "", "/chat/raum/" + ROOM_DIRECT));
	}

	static MimeMessage parse(byte[] raw) throws Exception {
		return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
	}

	@Test
	void aGermanDigestListsEachRoomWithItsMentionsAndLink() throws Exception {
		byte[] raw = MentionDigestMessage.of(TO, Locale.GERMAN, mentions(), TEXTS, MORNING.plusSeconds(3600));
		MimeMessage mail = parse(raw);

		assertThat(mail.getSubject()).isEqualTo("Sie wurden im Chat erwähnt");
		assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("noreply@gs-linden.example");
		assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Grundschule Linden");
		assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualTo("paul.pult@gs-linden.example");
		assertThat(mail.getHeader("Message-ID")[0]).matches("<[0-9a-f-]{36}@gs-linden\\.example>");
		assertThat(mail.getSentDate().toInstant()).isEqualTo(MORNING.plusSeconds(3600));
		assertThat(mail.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
		assertThat(mail.getHeader("MIME-Version")[0]).isEqualTo("1.0");
		assertThat(mail.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("charset=UTF-8");

		String text = (String) mail.getContent();
		assertThat(text).contains("Guten Tag Paul Pult,")
			.contains("Sie wurden im Chat 3 Mal erwähnt")
			.contains("Raum „5a“")
			.contains("Tina Tafel am 29.11.2026, 08:00 Uhr:")
			.contains("„@Paul Pult <b>bitte</b> das Heft mitbringen“")
			.contains("Pia Pinsel am 29.11.2026, 08:10 Uhr:")
			.contains("Zum Raum: https://schulhaus.example/chat/raum/" + ROOM_5A)
			.contains("Zum Raum: https://schulhaus.example/chat/raum/" + ROOM_DIRECT)
			.contains("https://schulhaus.example/konto");
		// the room of 5a is listed once, before the direct chat
		assertThat(text.indexOf("Raum „5a“")).isEqualTo(text.lastIndexOf("Raum „5a“")).isLessThan(text.indexOf("Raum „Tina Tafel“"));
	}

	@Test
	void anEnglishSpeakerGetsItInEnglish() throws Exception {
		MimeMessage mail = parse(MentionDigestMessage.of(TO, MentionDigestMessage.localeOf("en"), mentions().subList(0, 1), TEXTS, MORNING));
		assertThat(mail.getSubject()).isEqualTo("You were mentioned in the chat");
		assertThat((String) mail.getContent()).contains("Hello Paul Pult,").contains("You were mentioned in the chat and have not read the message yet:")
			.contains("Tina Tafel on 29 Nov 2026, 08:00:").contains("Open the room: https://schulhaus.example/chat/raum/" + ROOM_5A);
		assertThat(MentionDigestMessage.localeOf("de")).isEqualTo(Locale.GERMAN);
		assertThat(MentionDigestMessage.localeOf(null)).isEqualTo(Locale.GERMAN);
	}

	@Test
	void aNameWithALineBreakCannotAddAHeader() throws Exception {
		MentionDigestMessage.Addressing sneaky = new MentionDigestMessage.Addressing("noreply@gs-linden.example", "Linden\r\nBcc: x@evil.example",
				"paul.pult@gs-linden.example", "Paul\r\nBcc: y@evil.example", "https://schulhaus.example");
		MimeMessage mail = parse(MentionDigestMessage.of(sneaky, Locale.GERMAN, mentions(), TEXTS, MORNING));
		assertThat(mail.getHeader("Bcc")).isNull();
		assertThat(mail.getAllRecipients()).hasSize(1);
		assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualTo("paul.pult@gs-linden.example");
	}
}
