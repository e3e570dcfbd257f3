package de.schulhaus.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class MessageStructureTests {

	static byte[] sample(String name) throws IOException {
		try (InputStream in = MessageStructureTests.class.getResourceAsStream("/mail/" + name)) {
			return in.readAllBytes();
		}
	}

	private static String text(byte[] raw, long from, long to) {
		return new String(Arrays.copyOfRange(raw, (int) from, (int) to), StandardCharsets.UTF_8);
	}

	private static String written(IOConsumer write) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		write.accept(new ImapWriter(bytes));
		return bytes.toString(StandardCharsets.UTF_8);
	}

	interface IOConsumer {
		void accept(ImapWriter out) throws IOException;
	}

	@Test
	void partsAreFoundWithTheirExactBytes() throws Exception {
		byte[] raw = sample("elternabend.eml");
		MimePart message = MimeScanner.scan(new ByteArrayInputStream(raw));
		assertThat(message.multipart()).isTrue();
		assertThat(message.parts).hasSize(3);
		MimePart plain = message.part(new int[] { 1, 1 });
		assertThat(text(raw, plain.bodyStart, plain.end)).isEqualTo("Liebe Eltern,\r\nder Elternabend ist am Dienstag.");
		assertThat(text(raw, plain.start, plain.bodyStart)).isEqualTo("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
		MimePart pdf = message.part(new int[] { 2 });
		assertThat(text(raw, pdf.bodyStart, pdf.end)).isEqualTo("JVBERi0xLjQKJcOkw7zDtsOfCg==");
		MimePart forwarded = message.part(new int[] { 3 });
		assertThat(forwarded.rfc822()).isTrue();
		assertThat(text(raw, forwarded.message.bodyStart, forwarded.message.end)).isEqualTo("Innen.");
		assertThat(message.part(new int[] { 4 })).isNull();
		assertThat(message.end).isEqualTo(raw.length);
	}

	@Test
	void bodyStructureNamesEveryPartWithSizesAndLines() throws Exception {
		MimePart message = MimeScanner.scan(new ByteArrayInputStream(sample("elternabend.eml")));
		String structure = written(out -> BodyStructureWriter.write(out, message, true));
		assertThat(structure).startsWith("(((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"8BIT\" 47 2 NIL NIL NIL NIL)"
				+ "(\"TEXT\" \"HTML\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 56 1 NIL NIL NIL NIL) \"ALTERNATIVE\" (\"BOUNDARY\" \"innen\") NIL NIL NIL)");
		assertThat(structure).contains("(\"APPLICATION\" \"PDF\" (\"NAME\" \"Einladung.pdf\") NIL NIL \"BASE64\" 28 NIL "
				+ "(\"ATTACHMENT\" (\"FILENAME\" \"Einladung.pdf\")) NIL NIL)");
		assertThat(structure).contains("(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" ");
		assertThat(structure).contains("\"Weitergeleitet\"");
		assertThat(structure).endsWith(" \"MIXED\" (\"BOUNDARY\" \"aussen\") NIL NIL NIL)");
		String body = written(out -> BodyStructureWriter.write(out, message, false));
		assertThat(body).doesNotContain("BOUNDARY").endsWith(" \"MIXED\")");
	}

	@Test
	void aSinglePartMessageIsItsOwnPartOne() throws Exception {
		byte[] raw = sample("kurz.eml");
		MimePart message = MimeScanner.scan(new ByteArrayInputStream(raw));
		assertThat(message.part(new int[] { 1 })).isSameAs(message);
		assertThat(written(out -> BodyStructureWriter.write(out, message, false)))
			.isEqualTo("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 11 1)");
	}

	@Test
	void envelopeKeepsEncodedWordsAndSplitsAddresses() throws Exception {
		byte[] raw = sample("elternabend.eml");
		HeaderFields header = HeaderFields.parse(raw);
		String envelope = written(out -> EnvelopeWriter.write(out, header));
		assertThat(envelope).isEqualTo("(\"Tue, 1 Dec 2026 10:15:00 +0100\" \"=?UTF-8?Q?Elternabend_f=C3=BCr_die_5a?=\" "
				+ "((\"=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?=\" NIL \"joerg\" \"example.org\")) "
				+ "((\"=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?=\" NIL \"joerg\" \"example.org\")) "
				+ "((\"=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?=\" NIL \"joerg\" \"example.org\")) "
				+ "((\"Anna Amsel\" NIL \"anna\" \"schule.example\")(NIL NIL \"kollegium\" \"schule.example\")) "
				+ "((\"Ben\" NIL \"ben\" \"schule.example\")) NIL NIL \"<elternabend-1@example.org>\")");
	}

	@Test
	void headerFieldsAreSelectedAsTheyCame() throws Exception {
		HeaderFields header = HeaderFields.parse(sample("elternabend.eml"));
		assertThat(new String(header.select(java.util.List.of("subject", "MESSAGE-ID"), false), StandardCharsets.US_ASCII))
			.isEqualTo("Subject: =?UTF-8?Q?Elternabend_f=C3=BCr_die_5a?=\r\nMessage-ID: <elternabend-1@example.org>\r\n\r\n");
		assertThat(new String(header.select(java.util.List.of("Content-Type", "MIME-Version", "Date", "From", "To", "Cc", "Subject"), true),
				StandardCharsets.US_ASCII)).isEqualTo("Message-ID: <elternabend-1@example.org>\r\n\r\n");
	}

	@Test
	void brokenStructureEndsAtTheEndOfTheMessage() throws Exception {
		byte[] raw = "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nohne Ende\r\n"
			.getBytes(StandardCharsets.US_ASCII);
		MimePart message = MimeScanner.scan(new ByteArrayInputStream(raw));
		assertThat(message.parts).hasSize(1);
		assertThat(message.parts.get(0).end).isEqualTo(raw.length);
		assertThat(message.end).isEqualTo(raw.length);
	}
}
