package de.schulhaus.dav.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.junit.jupiter.api.Test;

/**
 * The DAV answers' writer escapes text itself, in runs: its bytes must be those of the JDK's writer
 * on a buffered UTF-8 writer, whatever the text holds and however long it is.
 */
class DavXmlWriterTests {

	private static final String TRICKY = "Grüße & <b>Ärger</b> > \"Zitat\" 'x' € 😀 \r\nEND:VEVENT\r\n&amp;";

	@Test
	void theBytesAreTheJdkWritersForTextMarkupAndAttributes() throws Exception {
		StringBuilder large = new StringBuilder();
		while (large.length() < 100_000) {
			large.append("SUMMARY:Elternabend 7b & Förderverein <Aula>, Raum ✓ 😀\r\n");
		}
		String[] texts = { "", "plain", TRICKY, "<", "&", ">", "&&<<>>", "😀", large.toString(), "tail ä" };
		byte[] ours = document(DavXml::writer, texts);
		byte[] jdks = document(DavXmlWriterTests::jdk, texts);
		assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(new String(jdks, StandardCharsets.UTF_8));
		assertThat(ours).isEqualTo(jdks);
	}

	@Test
	void anEscapedTextKeepsItsPlaceBetweenTheTags() throws Exception {
		String xml = new String(document(DavXml::writer, new String[] { "a<b", "c&d" }), StandardCharsets.UTF_8);
		assertThat(xml).contains("<D:t n=\"1 &lt; 2 &amp; &quot;drei&quot;\">a&lt;b</D:t>")
			.contains("<C:data xmlns:C=\"urn:ietf:params:xml:ns:caldav\">c&amp;d</C:data>")
			.endsWith("</D:multistatus>");
	}

	private interface Writers {
		XMLStreamWriter open(ByteArrayOutputStream out) throws XMLStreamException;
	}

	private static XMLStreamWriter jdk(ByteArrayOutputStream out) throws XMLStreamException {
		// how DAV answers were written before: the JDK's writer on a buffered UTF-8 writer
		return XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
	}

	private static byte[] document(Writers writers, String[] texts) throws XMLStreamException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		XMLStreamWriter xml = writers.open(bytes);
		xml.writeStartDocument("UTF-8", "1.0");
		xml.setPrefix("D", DavXml.DAV);
		xml.writeStartElement("D", "multistatus", DavXml.DAV);
		xml.writeNamespace("D", DavXml.DAV);
		for (String text : texts) {
			xml.writeStartElement("D", "t", DavXml.DAV);
			xml.writeAttribute("n", "1 < 2 & \"drei\"");
			xml.writeCharacters(text);
			xml.writeEndElement();
			xml.writeEmptyElement("D", "leer", DavXml.DAV);
			xml.writeStartElement("C", "data", "urn:ietf:params:xml:ns:caldav");
			xml.writeNamespace("C", "urn:ietf:params:xml:ns:caldav");
			char[] chars = text.toCharArray();
			xml.writeCharacters(chars, 0, chars.length);
			xml.writeEndElement();
		}
		xml.writeEndElement();
		xml.writeEndDocument();
		xml.flush();
		return bytes.toByteArray();
	}
}
