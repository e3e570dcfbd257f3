package de.schulhaus.accounts.imports;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Test inputs. The sample files are also kept as they came, in {@code src/test/resources/rosters/};
 * tests check that the strings here and those files say the same.
 */
final class RosterSamples {

	static final String SCHILD_SAMPLE_FILE = "/rosters/schild-export-sample.xml";

	static final String CSV_SAMPLE_FILE = "/rosters/roster-sample-windows1252.csv";

	static byte[] resource(String path) throws java.io.IOException {
		try (InputStream in = RosterSamples.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new java.io.FileNotFoundException("test resource " + path);
			}
			return in.readAllBytes();
		}
	}

	static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	/** The synthetic SchILD-NRW export: 8 persons, 3 groups, 3 memberships. */
	static final String SCHILD_XML = """
			<?xml version="1.0" encoding="UTF-8"?>
			<!--
			  Synthetic roster for tests. Invented people. The structure follows public descriptions of
			  the XML file that SchILD-NRW exports for school platforms (IMS-Enterprise-style, namespace
			  below): person, group and membership elements, each identified by sourcedid/id. Real
			  exports carry more elements than this sample: ignore what you do not need, never fail on it.
			  institutionroletype: faculty (teacher), Student (pupil), extern, staff.
			-->
			<enterprise xmlns="http://www.metaventis.com/ns/cockpit/sync/1.0">
			  <properties>
			    <datasource>SchILD-NRW</datasource>
			    <target>LOGINEO NRW</target>
			    <type>Schuljahr 2026/27, 1. Halbjahr</type>
			    <datetime>2026-08-24T07:30:00</datetime>
			  </properties>

			  <person>
			    <sourcedid><source>SchILD-NRW</source><id>0412851231X</id></sourcedid>
			    <name><fn>Jürgen Groß-Müller</fn><n><family>Groß-Müller</family><given>Jürgen</given></n></name>
			    <demographics><gender>2</gender></demographics>
			    <institutionrole institutionroletype="faculty"/>
			  </person>
			  <person>
			    <sourcedid><source>SchILD-NRW</source><id>2203901180A</id></sourcedid>
			    <name><fn>Ayşe Yılmaz</fn><n><family>Yılmaz</family><given>Ayşe</given></n></name>
			    <demographics><gender>1</gender></demographics>
			    <institutionrole institutionroletype="faculty"/>
			  </person>
			  <person>
			    <sourcedid><source>SchILD-NRW</source><id>S-100231</id></sourcedid>
			    <name><fn>Anna Müller</fn><n><family>Müller</family><given>Anna</given></n></name>
			    <demographics><gender>1</gender><bday>2015-03-02</bday></demographics>
			    <institutionrole institutionroletype="Student"/>
			  </person>
			  <person>
			    <sourcedid><source>SchILD-NRW</source><id>S-100232</id></sourcedid>
			    <name><fn>Anna Müller</fn><n><family>Müller</family><given>Anna</given></n></name>
			    <demographics><gender>1</gender><bday>2014-11-19</bday></demographics>
			    <institutionrole institutionroletype="Student"/>
			  </person>
			  <person>
			    <sourcedid><source>SchILD-NRW</source><id>S-100233</id></sourcedid>
			    <name><fn>Lukas Ole von der Heide</fn><n><family>von der Heide</family><given>Lukas Ole</given></n></name>
			    <demographics><gender>2</gender><bday>2015-06-30</bday></demographics>
			    <institutionrole institutionroletype="Student"/>
			  </person>
			  <person>
			    <sourcedid><source>SchILD-NRW</source><id>S-100234</id></sourcedid>
			    <name><fn>Zoë Łukasik</fn><n><family>Łukasik</family><given>Zoë</given></n></name>
			    <demographics><gender>1</gender><bday>2015-01-07</bday></demographics>
			    <institutionrole institutionroletype="Student"/>
			  </person>
			  <person>
			    <sourcedid><source>SchILD-NRW</source><id>S-090817</id></sourcedid>
			    <name><fn>Mehmet Öztürk</fn><n><family>Öztürk</family><given>Mehmet</given></n></name>
			    <demographics><gender>2</gender><bday>2008-09-14</bday></demographics>
			    <institutionrole institutionroletype="Student"/>
			  </person>
			  <person>
			    <sourcedid><source>SchILD-NRW</source><id>S-090818</id></sourcedid>
			    <name><fn>Sophie Straßburger</fn><n><family>Straßburger</family><given>Sophie</given></n></name>
			    <demographics><gender>1</gender><bday>2008-12-01</bday></demographics>
			    <institutionrole institutionroletype="Student"/>
			  </person>

			  <group>
			    <sourcedid><source>SchILD-NRW</source><id>K-05A</id></sourcedid>
			    <grouptype><typevalue level="1">Klasse</typevalue></grouptype>
			    <description><short>05A</short><long>Klasse 5a</long></description>
			  </group>
			  <group>
			    <sourcedid><source>SchILD-NRW</source><id>J-Q1</id></sourcedid>
			    <grouptype><typevalue level="1">Jahrgang</typevalue></grouptype>
			    <description><short>Q1</short><long>Qualifikationsphase 1</long></description>
			  </group>
			  <group>
			    <sourcedid><source>SchILD-NRW</source><id>C-Q1-M-LK1</id></sourcedid>
			    <grouptype><typevalue level="1">Kurs</typevalue></grouptype>
			    <description><short>M-LK1</short><long>Mathematik Leistungskurs 1</long></description>
			    <relationship relation="1"><sourcedid><source>SchILD-NRW</source><id>J-Q1</id></sourcedid><label>Jahrgang</label></relationship>
			  </group>

			  <membership>
			    <sourcedid><source>SchILD-NRW</source><id>K-05A</id></sourcedid>
			    <member><sourcedid><source>SchILD-NRW</source><id>0412851231X</id></sourcedid><role roletype="02"><status>1</status></role></member>
			    <member><sourcedid><source>SchILD-NRW</source><id>S-100231</id></sourcedid><role roletype="01"><status>1</status></role></member>
			    <member><sourcedid><source>SchILD-NRW</source><id>S-100232</id></sourcedid><role roletype="01"><status>1</status></role></member>
			    <member><sourcedid><source>SchILD-NRW</source><id>S-100233</id></sourcedid><role roletype="01"><status>1</status></role></member>
			    <member><sourcedid><source>SchILD-NRW</source><id>S-100234</id></sourcedid><role roletype="01"><status>1</status></role></member>
			  </membership>
			  <membership>
			    <sourcedid><source>SchILD-NRW</source><id>J-Q1</id></sourcedid>
			    <member><sourcedid><source>SchILD-NRW</source><id>S-090817</id></sourcedid><role roletype="01"><status>1</status></role></member>
			    <member><sourcedid><source>SchILD-NRW</source><id>S-090818</id></sourcedid><role roletype="01"><status>1</status></role></member>
			  </membership>
			  <membership>
			    <sourcedid><source>SchILD-NRW</source><id>C-Q1-M-LK1</id></sourcedid>
			    <member><sourcedid><source>SchILD-NRW</source><id>2203901180A</id></sourcedid><role roletype="02"><status>1</status></role></member>
			    <member><sourcedid><source>SchILD-NRW</source><id>S-090817</id></sourcedid><role roletype="01"><status>1</status></role></member>
			    <member><sourcedid><source>SchILD-NRW</source><id>S-090818</id></sourcedid><role roletype="01"><status>1</status></role></member>
			  </membership>
			</enterprise>
			""";

	/** The roster table sample; the shared file is this text in Windows-1252 with CRLF line ends. */
	static final String ROSTER_CSV = """
			Quell-Id;Nachname;Vorname;Klasse;Kontotyp
			S-200001;Schäfer;Jörg;07B;Schüler*in
			S-200002;Weiß;Änne;07B;Schüler*in
			L-3001;Krüger;Björn;;Lehrkraft
			P-0007;Kühn;Renée;;Personal
			""".replace("\n", "\r\n");

	private RosterSamples() {
	}

	static InputStream schildXml() {
		return new ByteArrayInputStream(SCHILD_XML.getBytes(StandardCharsets.UTF_8));
	}

	static InputStream stream(String text, Charset charset) {
		return new ByteArrayInputStream(text.getBytes(charset));
	}

	static InputStream stream(byte[] bytes) {
		return new ByteArrayInputStream(bytes);
	}

	static byte[] utf8WithBom(String text) {
		byte[] content = text.getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[content.length + 3];
		bytes[0] = (byte) 0xEF;
		bytes[1] = (byte) 0xBB;
		bytes[2] = (byte) 0xBF;
		System.arraycopy(content, 0, bytes, 3, content.length);
		return bytes;
	}

}
