package de.schulhaus.accounts.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import net.lingala.zip4j.io.outputstream.ZipOutputStream;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.EncryptionMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchildZipTests {

	private static final char[] PASSWORD = "Schulhaus-2026!".toCharArray();

	private final SchildXmlReader reader = new SchildXmlReader();

	@Test
	void readsExportFromAesZipWithRightPassword() throws IOException {
		byte[] zip = zip(EncryptionMethod.AES, PASSWORD, "SchILD/export.xml", RosterSamples.SCHILD_XML);

		try (InputStream xml = SchildZip.openXml(RosterSamples.stream(zip), PASSWORD)) {
			RosterFile roster = this.reader.read(xml);
			assertThat(roster.persons()).hasSize(8);
			assertThat(roster.groups()).hasSize(3);
		}
	}

	@Test
	void readsExportFromZipCryptoZipWithRightPassword() throws IOException {
		byte[] zip = zip(EncryptionMethod.ZIP_STANDARD, PASSWORD, "export.XML", RosterSamples.SCHILD_XML);

		try (InputStream xml = SchildZip.openXml(RosterSamples.stream(zip), PASSWORD)) {
			assertThat(this.reader.read(xml).persons()).hasSize(8);
		}
	}

	@Test
	void readsZipWithoutPassword() throws IOException {
		byte[] zip = zip(EncryptionMethod.NONE, null, "export.xml", RosterSamples.SCHILD_XML);

		try (InputStream xml = SchildZip.openXml(RosterSamples.stream(zip), null)) {
			assertThat(this.reader.read(xml).persons()).hasSize(8);
		}
	}

	@Test
	void refusesWrongOrMissingPassword() throws IOException {
		byte[] aes = zip(EncryptionMethod.AES, PASSWORD, "export.xml", RosterSamples.SCHILD_XML);

		assertZipError(aes, "falsch".toCharArray(), SchildZip.WRONG_PASSWORD);
		assertZipError(aes, null, SchildZip.WRONG_PASSWORD);
		assertZipError(aes, new char[0], SchildZip.WRONG_PASSWORD);
	}

	@Test
	void refusesWrongPasswordForZipCrypto() throws IOException {
		byte[] zipCrypto = zip(EncryptionMethod.ZIP_STANDARD, PASSWORD, "export.xml", RosterSamples.SCHILD_XML);

		// ZipCrypto's one-byte check lets a wrong password through now and then; it must still fail while reading
		assertThatThrownBy(() -> this.reader.read(SchildZip.openXml(RosterSamples.stream(zipCrypto), "falsch".toCharArray())))
			.isInstanceOfSatisfying(RosterFormatException.class,
					(ex) -> assertThat(ex.messageKey()).isEqualTo(SchildZip.WRONG_PASSWORD));
	}

	@Test
	void passwordErrorsWhileReadingReachTheCallerThroughTheXmlParser() {
		// what the ZIP stream throws when a wrong ZipCrypto password slipped through the first check
		InputStream failing = new InputStream() {

			private int count;

			@Override
			public int read() {
				if (++this.count > 200) {
					throw new RosterFormatException(SchildZip.WRONG_PASSWORD);
				}
				return RosterSamples.SCHILD_XML.charAt(this.count - 1);
			}

		};

		assertThatThrownBy(() -> this.reader.read(failing)).isInstanceOfSatisfying(RosterFormatException.class,
				(ex) -> assertThat(ex.messageKey()).isEqualTo(SchildZip.WRONG_PASSWORD));
	}

	@Test
	void refusesZipWithoutXml() throws IOException {
		byte[] zip = zip(EncryptionMethod.AES, PASSWORD, "export.csv", "Quell-Id;Nachname");

		assertZipError(zip, PASSWORD, "import.error.zipNoXml");
	}

	@Test
	void skipsMacOsResourceForks() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out, PASSWORD)) {
			put(zip, EncryptionMethod.AES, "__MACOSX/._export.xml", "\u0000\u0005binary");
			put(zip, EncryptionMethod.AES, "._export.xml", "\u0000\u0005binary");
			put(zip, EncryptionMethod.AES, "export.xml", RosterSamples.SCHILD_XML);
		}

		try (InputStream xml = SchildZip.openXml(RosterSamples.stream(out.toByteArray()), PASSWORD)) {
			assertThat(this.reader.read(xml).persons()).hasSize(8);
		}
	}

	@Test
	void refusesFilesThatAreNoZip() {
		assertZipError(RosterSamples.SCHILD_XML.getBytes(StandardCharsets.UTF_8), PASSWORD, "import.error.notZip");
		assertZipError(new byte[0], PASSWORD, "import.error.notZip");
	}

	private static void assertZipError(byte[] zip, char[] password, String key) {
		assertThatThrownBy(() -> SchildZip.openXml(RosterSamples.stream(zip), password))
			.isInstanceOfSatisfying(RosterFormatException.class, (ex) -> assertThat(ex.messageKey()).isEqualTo(key));
	}

	private static byte[] zip(EncryptionMethod method, char[] password, String name, String content)
			throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out, password)) {
			put(zip, method, name, content);
		}
		return out.toByteArray();
	}

	private static void put(ZipOutputStream zip, EncryptionMethod method, String name, String content)
			throws IOException {
		ZipParameters parameters = new ZipParameters();
		parameters.setFileNameInZip(name);
		if (method != EncryptionMethod.NONE) {
			parameters.setEncryptFiles(true);
			parameters.setEncryptionMethod(method);
			parameters.setAesKeyStrength(AesKeyStrength.KEY_STRENGTH_256);
		}
		zip.putNextEntry(parameters);
		zip.write(content.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

}
