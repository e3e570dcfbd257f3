package de.schulhaus.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DotStuffingTests {

	@Test
	void ourReturnPathStaysHomeLinesGetCrlfAndLeadingDotsAreDoubled() throws Exception {
		String stored = "Return-Path: <anna@schule.de>\r\n\tfolded\r\nReceived: from x\r\nSubject: Punkte\r\n\r\n.erste\nzweite\r\n..\r\nohne Ende";
		assertThat(copy(stored)).isEqualTo("Received: from x\r\nSubject: Punkte\r\n\r\n..erste\r\nzweite\r\n...\r\nohne Ende\r\n");
	}

	@Test
	void aMessageWithoutReturnPathIsCopiedAsItIs() throws Exception {
		assertThat(copy("Subject: x\r\n\r\nText\r\n")).isEqualTo("Subject: x\r\n\r\nText\r\n");
		assertThat(copy("Ret")).isEqualTo("Ret\r\n");
	}

	@Test
	void theHeaderEndsAtTheBlankLine() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		DotStuffing.headerOf(new ByteArrayInputStream("Return-Path: <>\r\nFrom: a\nSubject: b\r\n\r\nBody\r\n".getBytes(StandardCharsets.UTF_8)), out,
				1000);
		assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("From: a\r\nSubject: b\r\n");
	}

	@Test
	void repliesCarryTheirEnhancedStatus() {
		assertThat(new SmarthostReply(550, "5.1.1 User unknown").status()).isEqualTo("5.1.1");
		assertThat(new SmarthostReply(554, "Go away").status()).isEqualTo("5.0.0");
		assertThat(new SmarthostReply(451, "4.2.0 Later\r\nsecond line").line()).isEqualTo("451 4.2.0 Later second line");
	}

	private static String copy(String stored) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		DotStuffing.copy(new ByteArrayInputStream(stored.getBytes(StandardCharsets.UTF_8)), out);
		return out.toString(StandardCharsets.UTF_8);
	}
}
