package de.schulhaus.mail.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jakarta.mail.internet.InternetHeaders;

class AutoReplyRulesTests {

	private static final Set<String> OWN = Set.of("anna.amsel@schule.example", "klassenfahrt@schule.example");

	@Test
	void aPersonalMessageToThePersonIsAnswered() throws Exception {
		assertThat(AutoReplyRules.mayAnswer(headers("To: Anna <Anna.Amsel@schule.example>\r\n"), "joerg@example.org", OWN)).isTrue();
		assertThat(AutoReplyRules.mayAnswer(headers("To: x@example.org\r\nCc: klassenfahrt@schule.example\r\n"), "joerg@example.org", OWN)).isTrue();
		assertThat(AutoReplyRules.mayAnswer(headers("To: anna.amsel@schule.example\r\nAuto-Submitted: no\r\n"), "joerg@example.org", OWN)).isTrue();
	}

	@Test
	void listsBulkAutomaticMailAndMachinesGetNoAnswer() throws Exception {
		String to = "To: anna.amsel@schule.example\r\n";
		assertThat(AutoReplyRules.mayAnswer(headers(to + "List-Id: <eltern.schule.example>\r\n"), "joerg@example.org", OWN)).isFalse();
		assertThat(AutoReplyRules.mayAnswer(headers(to + "Precedence: bulk\r\n"), "news@example.org", OWN)).isFalse();
		assertThat(AutoReplyRules.mayAnswer(headers(to + "Auto-Submitted: auto-replied\r\n"), "joerg@example.org", OWN)).isFalse();
		assertThat(AutoReplyRules.mayAnswer(headers(to + "X-Auto-Response-Suppress: OOF, AutoReply\r\n"), "joerg@example.org", OWN)).isFalse();
		assertThat(AutoReplyRules.mayAnswer(headers(to), "MAILER-DAEMON@example.org", OWN)).isFalse();
		assertThat(AutoReplyRules.mayAnswer(headers(to), "owner-eltern@example.org", OWN)).isFalse();
		assertThat(AutoReplyRules.mayAnswer(headers(to), "eltern-bounces@example.org", OWN)).isFalse();
		assertThat(AutoReplyRules.mayAnswer(headers(to), "", OWN)).isFalse();
		assertThat(AutoReplyRules.mayAnswer(headers(to), null, OWN)).isFalse();
	}

	@Test
	void mailThatDoesNotNameThePersonGetsNoAnswer() throws Exception {
		// a class list's copy names the list, a blind copy names nobody
		assertThat(AutoReplyRules.mayAnswer(headers("To: 5a@schule.example\r\n"), "joerg@example.org", OWN)).isFalse();
		assertThat(AutoReplyRules.mayAnswer(headers("Subject: x\r\n"), "joerg@example.org", OWN)).isFalse();
		assertThat(AutoReplyRules.mayAnswer(headers("To: ;;;<<<\r\n"), "joerg@example.org", OWN)).isFalse();
	}

	private static InternetHeaders headers(String text) throws Exception {
		return new InternetHeaders(new ByteArrayInputStream((text + "\r\n").getBytes(StandardCharsets.UTF_8)));
	}
}
