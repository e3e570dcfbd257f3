package de.schulhaus.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DotTerminatedDataTests {

	@Test
	void endsAtTheLoneDotAndLeavesThePipelinedCommandsInTheConnection() throws IOException {
		InputStream connection = connection("Subject: x\r\n\r\nText\r\n.\r\nQUIT\r\n", false);
		assertThat(read(connection)).isEqualTo("Subject: x\r\n\r\nText\r\n");
		assertThat(new String(connection.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("QUIT\r\n");
	}

	@Test
	void aDoubledDotAtTheStartOfALineLosesOneDot() throws IOException {
		String sent = "..erste\r\nmitten . drin\r\n...\r\n..\r\n.\r\n";
		assertThat(read(connection(sent, false))).isEqualTo(".erste\r\nmitten . drin\r\n..\r\n.\r\n");
		assertThat(read(connection(sent, true))).isEqualTo(".erste\r\nmitten . drin\r\n..\r\n.\r\n");
	}

	@Test
	void onlyCrLfDotCrLfEndsTheMessageNotABareLfOrCr() throws IOException {
		// the SMTP smuggling sequences: they are text of the message
		String sent = "a\n.\nMAIL FROM:<x@y>\r\nb\r.\rc\r\n.\r\n";
		assertThat(read(connection(sent, false))).isEqualTo("a\n.\nMAIL FROM:<x@y>\r\nb\r.\rc\r\n");
		assertThat(read(connection(sent, true))).isEqualTo("a\n.\nMAIL FROM:<x@y>\r\nb\r.\rc\r\n");
	}

	@Test
	void anEmptyMessageEndsAtOnce() throws IOException {
		assertThat(read(connection(".\r\nRSET\r\n", true))).isEmpty();
	}

	@Test
	void aConnectionThatClosesBeforeTheEndIsAnError() {
		assertThatThrownBy(() -> read(connection("Text\r\nund Schluss", false))).isInstanceOf(EOFException.class);
		assertThatThrownBy(() -> read(connection("Text\r\n.\r", true))).isInstanceOf(EOFException.class);
	}

	@Test
	void aLargeMessageArrivesWholeWhateverTheBlocks() throws IOException {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 5000; i++) {
			body.append(i % 7 == 0 ? ".Zeile " : "Zeile ").append(i).append("\r\n");
		}
		String expected = body.toString();
		String sent = expected.replace("\r\n.", "\r\n..").replaceFirst("^\\.", "..") + ".\r\n";
		assertThat(read(connection(sent, false))).isEqualTo(expected);
		assertThat(read(connection(sent, true))).isEqualTo(expected);
	}

	private static String read(InputStream connection) throws IOException {
		return new String(new DotTerminatedData(connection).readAllBytes(), StandardCharsets.US_ASCII);
	}

	/** The session's buffered input; {@code trickle} delivers one byte per read, as a slow network might. */
	private static InputStream connection(String sent, boolean trickle) {
		InputStream network = new ByteArrayInputStream(sent.getBytes(StandardCharsets.US_ASCII));
		if (trickle) {
			network = new FilterInputStream(network) {
				@Override
				public int read(byte[] b, int off, int len) throws IOException {
					return super.read(b, off, Math.min(1, len));
				}
			};
		}
		return new BufferedInputStream(network, 8192);
	}
}
