package de.schulhaus.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HeaderCopyTests {

	@Test
	void keepsTheHeaderUpToTheBlankLineAndPassesEverythingOn() throws IOException {
		String message = "Subject: Wandertag\r\nTo: <eltern@example.com>\r\n\r\nHallo\r\nX-Nicht: im Kopf\r\n";
		HeaderCopy copy = new HeaderCopy(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
		byte[] buffer = new byte[7];
		StringBuilder passed = new StringBuilder();
		for (int n = copy.read(buffer, 0, buffer.length); n >= 0; n = copy.read(buffer, 0, buffer.length)) {
			passed.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
		}
		assertThat(passed.toString()).isEqualTo(message);
		assertThat(new String(copy.header(), StandardCharsets.UTF_8)).isEqualTo("Subject: Wandertag\r\nTo: <eltern@example.com>\r\n\r\n");
	}

	@Test
	void bareLineFeedsEndTheHeaderToo() throws IOException {
		HeaderCopy copy = new HeaderCopy(new ByteArrayInputStream("Subject: a\n\nbody\n".getBytes(StandardCharsets.US_ASCII)));
		while (copy.read() >= 0) {
			// read to the end one byte at a time
		}
		assertThat(new String(copy.header(), StandardCharsets.US_ASCII)).isEqualTo("Subject: a\n\n");
	}

	@Test
	void anEndlessHeaderIsCutAtTheLimit() throws IOException {
		byte[] endless = ("X-Lang: " + "x".repeat(HeaderCopy.MAX * 2) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
		HeaderCopy copy = new HeaderCopy(new ByteArrayInputStream(endless));
		assertThat(copy.readAllBytes()).hasSize(endless.length);
		assertThat(copy.header()).hasSize(HeaderCopy.MAX);
	}
}
