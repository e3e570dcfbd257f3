package de.schulhaus.accounts.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import de.schulhaus.accounts.GroupKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SchildXmlReaderTests {

	private final SchildXmlReader reader = new SchildXmlReader();

	@Test
	void readsPersonsGroupsAndMembershipsOfTheSample() {
		RosterFile roster = this.reader.read(RosterSamples.schildXml());

		assertThat(roster.source()).isEqualTo(RosterSource.SCHILD);
		assertThat(roster.errors()).isEmpty();
		assertThat(roster.persons()).hasSize(8);
		assertThat(roster.persons().get(0))
			.isEqualTo(new RosterPerson(1, "0412851231X", "Jürgen", "Groß-Müller", PersonKind.TEACHER));
		assertThat(roster.persons()).extracting(RosterPerson::lastName)
			.containsExactly("Groß-Müller", "Yılmaz", "Müller", "Müller", "von der Heide", "Łukasik", "Öztürk",
					"Straßburger");
		assertThat(roster.persons()).extracting(RosterPerson::row).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
		assertThat(roster.persons()).filteredOn((person) -> person.kind() == PersonKind.PUPIL).hasSize(6);
		assertThat(roster.groups()).containsExactly(
				new RosterGroup("K-05A", "05A", GroupKind.CLASS, "Klasse 5a"),
				new RosterGroup("J-Q1", "Q1", GroupKind.YEAR, "Qualifikationsphase 1"),
				new RosterGroup("C-Q1-M-LK1", "M-LK1", GroupKind.COURSE, "Mathematik Leistungskurs 1"));
	}

	@Test
	void teachersLeadTheirClassAndCourseAndPupilsAreMembers() {
		RosterFile roster = this.reader.read(RosterSamples.schildXml());

		assertThat(roster.memberships()).hasSize(10);
		assertThat(roster.memberships()).contains(new RosterMembership("K-05A", "0412851231X", true),
				new RosterMembership("C-Q1-M-LK1", "2203901180A", true));
		assertThat(roster.memberships()).filteredOn((member) -> member.groupSourceId().equals("C-Q1-M-LK1"))
			.extracting(RosterMembership::personSourceId, RosterMembership::leader)
			.containsExactly(tuple("2203901180A", true), tuple("S-090817", false), tuple("S-090818", false));
		assertThat(roster.memberships()).filteredOn((member) -> member.groupSourceId().equals("K-05A"))
			.filteredOn(RosterMembership::leader)
			.extracting(RosterMembership::personSourceId)
			.containsExactly("0412851231X");
	}

	@Test
	void embeddedSampleMatchesTheSampleFile() throws IOException {
		assertThat(RosterSamples.SCHILD_XML.strip())
			.isEqualTo(new String(RosterSamples.resource(RosterSamples.SCHILD_SAMPLE_FILE), java.nio.charset.StandardCharsets.UTF_8).strip());
	}

	@Test
	void ignoresUnknownElementsAtAnyDepth() {
		String xml = """
				<?xml version="1.0" encoding="UTF-8"?>
				<enterprise xmlns="http://www.metaventis.com/ns/cockpit/sync/1.0" xmlns:x="urn:vendor">
				  <properties><datasource>SchILD-NRW</datasource><x:whatever a="1"><deep><deeper/></deep></x:whatever></properties>
				  <x:vendorblock><person><sourcedid><id>NOT-A-PERSON</id></sourcedid></person></x:vendorblock>
				  <person recstatus="1">
				    <comments>importiert</comments>
				    <sourcedid><source>SchILD-NRW</source><id> L-1 </id></sourcedid>
				    <userid password="x">mmuster</userid>
				    <name><fn>Maria Muster</fn><sort>Muster, Maria</sort><n><family>Muster</family><given>Maria</given><partname partnametype="Initials">M</partname></n></name>
				    <email>m@example.org</email><tel teltype="1">0211</tel>
				    <adr><street>Weg 1</street><locality>Essen</locality></adr>
				    <extension><x:photo><![CDATA[AAAA]]></x:photo><x:nested><x:more><name>ignored</name></x:more></x:nested></extension>
				    <institutionrole primaryrole="Yes" institutionroletype="FACULTY"/>
				    <!-- a comment -->
				    <?processing instruction?>
				  </person>
				  <group><sourcedid><id>G-1</id></sourcedid><grouptype><scheme>SchILD</scheme><typevalue level="1">AG</typevalue></grouptype>
				    <description><short>Theater &amp; Musik</short></description><timeframe><begin>2026-08-01</begin></timeframe></group>
				  <membership><sourcedid><id>G-1</id></sourcedid><comments/>
				    <member><sourcedid><id>L-1</id></sourcedid><idtype>1</idtype><role roletype="02"><status>1</status><extension/></role></member>
				  </membership>
				  <unknown><person/></unknown>
				</enterprise>
				""";

		RosterFile roster = this.reader.read(RosterSamples.stream(xml, StandardCharsets.UTF_8));

		assertThat(roster.errors()).isEmpty();
		assertThat(roster.persons()).containsExactly(new RosterPerson(1, "L-1", "Maria", "Muster", PersonKind.TEACHER));
		assertThat(roster.groups()).containsExactly(new RosterGroup("G-1", "Theater & Musik", GroupKind.CUSTOM, null));
		assertThat(roster.memberships()).containsExactly(new RosterMembership("G-1", "L-1", true));
	}

	@Test
	void acceptsFilesWithoutNamespaceAndFillsMissingNamePartsFromFormattedName() {
		String xml = enterprise("""
				<person><sourcedid><id>A</id></sourcedid><name><fn>Lukas Ole von der Heide</fn><n><family>von der Heide</family></n></name>
				  <institutionrole institutionroletype="Student"/></person>
				<person><sourcedid><id>B</id></sourcedid><name><fn>Erika Mustermann</fn></name><institutionrole institutionroletype="staff"/></person>
				<person><sourcedid><id>C</id></sourcedid><name><n><given>Eva</given><family>Extern</family></n></name><institutionrole institutionroletype="extern"/></person>
				""").replace(" xmlns=\"" + SchildXmlReader.NAMESPACE + "\"", "");

		RosterFile roster = this.reader.read(RosterSamples.stream(xml, StandardCharsets.UTF_8));

		assertThat(roster.errors()).isEmpty();
		assertThat(roster.persons()).extracting(RosterPerson::firstName, RosterPerson::lastName, RosterPerson::kind)
			.containsExactly(tuple("Lukas Ole", "von der Heide", PersonKind.PUPIL),
					tuple("Erika", "Mustermann", PersonKind.STAFF), tuple("Eva", "Extern", PersonKind.EXTERN));
	}

	@Test
	void reportsBadPersonsAndSkipsThem() {
		String xml = enterprise("""
				<person><sourcedid><id>OK-1</id></sourcedid><name><n><family>A</family><given>B</given></n></name><institutionrole institutionroletype="faculty"/></person>
				<person><sourcedid><id>X-1</id></sourcedid><name><n><family>A</family><given>B</given></n></name><institutionrole institutionroletype="Hausmeister"/></person>
				<person><name><n><family>A</family><given>B</given></n></name><institutionrole institutionroletype="faculty"/></person>
				<person><sourcedid><id>OK-1</id></sourcedid><name><n><family>C</family><given>D</given></n></name><institutionrole institutionroletype="faculty"/></person>
				<person><sourcedid><id>X-2</id></sourcedid><name><n><family>Nurnachname</family></n></name><institutionrole institutionroletype="Student"/></person>
				<person><sourcedid><id>X-3</id></sourcedid><name><n><family>A</family><given>B</given></n></name></person>
				""");

		RosterFile roster = this.reader.read(RosterSamples.stream(xml, StandardCharsets.UTF_8));

		assertThat(roster.persons()).extracting(RosterPerson::sourceId).containsExactly("OK-1");
		assertThat(roster.errors()).containsExactly(
				new RowError(2, "X-1", "import.error.unknownKind", List.of("Hausmeister")),
				new RowError(3, null, "import.error.missingSourceId", List.of()),
				new RowError(4, "OK-1", "import.error.duplicatePersonId", List.of(1)),
				new RowError(5, "X-2", "import.error.missingName", List.of()),
				new RowError(6, "X-3", "import.error.missingKind", List.of()));
	}

	@Test
	void reportsMembershipsOfUnknownPersonsAndGroups() {
		String xml = enterprise("""
				<membership><sourcedid><id>K-05A</id></sourcedid>
				  <member><sourcedid><id>P-1</id></sourcedid><role roletype="01"/></member>
				  <member><sourcedid><id>GHOST</id></sourcedid><role roletype="01"/></member>
				  <member><sourcedid><id>P-BAD</id></sourcedid><role roletype="01"/></member>
				</membership>
				<membership><sourcedid><id>NO-GROUP</id></sourcedid><member><sourcedid><id>P-1</id></sourcedid></member></membership>
				<person><sourcedid><id>P-1</id></sourcedid><name><n><family>A</family><given>B</given></n></name><institutionrole institutionroletype="Student"/></person>
				<person><sourcedid><id>P-BAD</id></sourcedid><name><n><family>A</family><given>B</given></n></name><institutionrole institutionroletype="alien"/></person>
				<group><sourcedid><id>K-05A</id></sourcedid><grouptype><typevalue>Klasse</typevalue></grouptype><description><short>05A</short></description></group>
				""");

		RosterFile roster = this.reader.read(RosterSamples.stream(xml, StandardCharsets.UTF_8));

		// memberships before persons and groups are fine: they are checked at the end
		assertThat(roster.memberships()).containsExactly(new RosterMembership("K-05A", "P-1", false));
		// P-BAD already has its own error, so its membership is dropped without a second one
		assertThat(roster.errors()).containsExactly(
				new RowError(2, "P-BAD", "import.error.unknownKind", List.of("alien")),
				new RowError(null, "GHOST", "import.error.unknownPerson", List.of("GHOST", "05A")),
				new RowError(null, "NO-GROUP", "import.error.unknownGroup", List.of("NO-GROUP")));
	}

	@Test
	void refusesBrokenXml() {
		String broken = RosterSamples.SCHILD_XML.substring(0, RosterSamples.SCHILD_XML.length() / 2);

		assertFormatError(broken, SchildXmlReader.NOT_SCHILD_XML);
		assertFormatError("Quell-Id;Nachname\n1;Muster", SchildXmlReader.NOT_SCHILD_XML);
		assertFormatError("", SchildXmlReader.NOT_SCHILD_XML);
		assertFormatError("<enterprise><person></enterprise>", SchildXmlReader.NOT_SCHILD_XML);
	}

	@Test
	void refusesOtherRootElements() {
		assertFormatError("<html><body/></html>", SchildXmlReader.NOT_SCHILD_XML);
		assertFormatError("<enterprise xmlns=\"urn:other\"/>", SchildXmlReader.NOT_SCHILD_XML);
	}

	@Test
	void doesNotReadExternalEntities(@TempDir Path dir) throws IOException {
		Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
		String xml = """
				<?xml version="1.0"?>
				<!DOCTYPE enterprise [ <!ENTITY xxe SYSTEM "%s"> ]>
				<enterprise xmlns="http://www.metaventis.com/ns/cockpit/sync/1.0">
				  <person><sourcedid><id>1</id></sourcedid><name><n><family>&xxe;</family><given>A</given></n></name>
				  <institutionrole institutionroletype="faculty"/></person>
				</enterprise>
				""".formatted(secret.toUri());

		assertThatThrownBy(() -> this.reader.read(RosterSamples.stream(xml, StandardCharsets.UTF_8)))
			.isInstanceOfSatisfying(RosterFormatException.class,
					(ex) -> assertThat(ex.messageKey()).isEqualTo(SchildXmlReader.NOT_SCHILD_XML))
			.satisfies((ex) -> assertThat(stackTraceOf(ex)).doesNotContain("TOP-SECRET"));
	}

	@Test
	void refusesEntityExpansion() {
		String xml = """
				<?xml version="1.0"?>
				<!DOCTYPE enterprise [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> ]>
				<enterprise><person><sourcedid><id>&b;</id></sourcedid></person></enterprise>
				""";

		assertFormatError(xml, SchildXmlReader.NOT_SCHILD_XML);
	}

	@Test
	void streamsLargeExports() {
		StringBuilder xml = new StringBuilder("<enterprise xmlns=\"" + SchildXmlReader.NAMESPACE + "\">\n");
		for (int i = 0; i < 50_000; i++) {
			xml.append("<person><sourcedid><source>SchILD-NRW</source><id>S-").append(i)
				.append("</id></sourcedid><name><n><family>Müller</family><given>Anna</given></n></name>")
				.append("<institutionrole institutionroletype=\"Student\"/></person>\n");
		}
		xml.append("<group><sourcedid><id>K</id></sourcedid><grouptype><typevalue>Klasse</typevalue></grouptype></group>");
		xml.append("<membership><sourcedid><id>K</id></sourcedid>");
		for (int i = 0; i < 50_000; i += 2) {
			xml.append("<member><sourcedid><id>S-").append(i).append("</id></sourcedid><role roletype=\"01\"/></member>");
		}
		xml.append("</membership></enterprise>");

		RosterFile roster = this.reader.read(RosterSamples.stream(xml.toString(), StandardCharsets.UTF_8));

		assertThat(roster.errors()).isEmpty();
		assertThat(roster.persons()).hasSize(50_000);
		assertThat(roster.persons().get(49_999).row()).isEqualTo(50_000);
		assertThat(roster.memberships()).hasSize(25_000);
	}

	private void assertFormatError(String xml, String key) {
		assertThatThrownBy(() -> this.reader.read(RosterSamples.stream(xml, StandardCharsets.UTF_8)))
			.isInstanceOfSatisfying(RosterFormatException.class, (ex) -> assertThat(ex.messageKey()).isEqualTo(key));
	}

	private static String enterprise(String content) {
		return "<enterprise xmlns=\"" + SchildXmlReader.NAMESPACE + "\">\n" + content + "</enterprise>\n";
	}

	private static String stackTraceOf(Throwable ex) {
		java.io.StringWriter out = new java.io.StringWriter();
		ex.printStackTrace(new java.io.PrintWriter(out));
		return out.toString();
	}

}
