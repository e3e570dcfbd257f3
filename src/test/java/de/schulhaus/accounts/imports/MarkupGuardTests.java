package de.schulhaus.accounts.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser never gets a tag, comment or instruction it would have to hold whole beyond 1 MiB. */
class MarkupGuardTests {

	private static final long TOO_MUCH = MarkupGuard.MAX_MARKUP + 1L;

	@Test
	void passesARealExportUnchanged() throws IOException {
		byte[] export = RosterSamples.SCHILD_XML.getBytes(StandardCharsets.UTF_8);

		assertThat(new MarkupGuard(new ByteArrayInputStream(export)).readAllBytes()).isEqualTo(export);
		assertThat(new MarkupGuard(RosterSamples.stream(RosterSamples.utf8WithBom("<a/>"))).readAllBytes()).hasSize(7);
	}

	@Test
	void letsLongTextThroughWhichTheParserHandsOnInPieces() throws IOException {
		assertThat(drain(HostileFiles.repeated("<a>", (byte) 'x', 4 * TOO_MUCH, "</a>"))).isEqualTo(4 * TOO_MUCH + 7);
	}

	@Test
	void refusesAHugeAttributeEvenWithAngleBracketsInIt() {
		assertRefused(HostileFiles.repeated("<a b=\"", (byte) 'x', TOO_MUCH, "\"/>"));
		assertRefused(HostileFiles.repeated("<a b='", (byte) '>', TOO_MUCH, "'/>"));
	}

	@Test
	void refusesHugeCommentsCdataAndInstructionsFullOfAngleBrackets() {
		assertRefused(HostileFiles.repeated("<a><!--", (byte) '<', TOO_MUCH, "--></a>"));
		// "<!--->" does not end the comment it opens
		assertRefused(HostileFiles.repeated("<a><!--->", (byte) '<', TOO_MUCH, "--></a>"));
		assertRefused(HostileFiles.repeated("<a><![CDATA[", (byte) '<', TOO_MUCH, "]]></a>"));
		assertRefused(HostileFiles.repeated("<?pi ", (byte) '<', TOO_MUCH, "?><a/>"));
	}

	@Test
	void refusesDoctypes() {
		assertRefused(new ByteArrayInputStream("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void refusesEncodingsWhereAnAngleBracketByteIsNotTheCharacter() {
		assertRefused(new ByteArrayInputStream("<a/>".getBytes(StandardCharsets.UTF_16)));
		assertRefused(new ByteArrayInputStream("<a/>".getBytes(StandardCharsets.UTF_16LE)));
		assertRefused(new ByteArrayInputStream(new byte[] { 0x4C, 0x6F, (byte) 0xA7, (byte) 0x94 }));
	}

	private static long drain(InputStream in) throws IOException {
		return new MarkupGuard(in).transferTo(OutputStream.nullOutputStream());
	}

	private static void assertRefused(InputStream in) {
		assertThatThrownBy(() -> drain(in)).isInstanceOf(IOException.class);
	}

}
