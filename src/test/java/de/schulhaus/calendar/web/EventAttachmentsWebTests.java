package de.schulhaus.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.dav.DavPath;
import de.schulhaus.files.CloudFiles;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.PlatformProperties;
import de.schulhaus.platform.SchulhausUser;

/** The event dialog's attachments: files picked from the person's cloud, saved as links, removed, and what others' clients attached kept. */
@IntegrationTest
class EventAttachmentsWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	Calendars calendars;

	@Autowired
	Spaces spaces;

	@Autowired
	CloudFiles files;

	@Autowired
	PlatformProperties platform;

	CalendarWebFixture web;
	SchulhausUser teacher;
	SchulhausUser pupil;
	SchulhausUser stranger;
	String secret;
	String personal;
	UUID sheet;
	UUID pupilsNote;
	UUID strangersFile;

	@BeforeEach
	void aTeacherWithFiles() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Anhang-Schule");
		teacher = users.load(t.createUser(school, "Tina", "Tafel", "TEACHER", "Kompass-Laterne-Quitte-2026", "7b").login()).orElseThrow();
		pupil = users.load(t.createUser(school, "Paul", "Pult", "PUPIL", "Pupil-Laterne-Quitte-2026", "7b").login()).orElseThrow();
		stranger = users.load(t.createUser(t.createSchool("Andere Schule"), "Otto", "Fremd", "TEACHER", "Fremd-Laterne-Quitte-2026", null)
			.login()).orElseThrow();
		web = new CalendarWebFixture(mvc, credentials);
		secret = web.caldavSecret(teacher);
		personal = calendars.visibleTo(teacher).get(0).id().toString();
		sheet = write(teacher, "Arbeitsblatt Brüche.pdf", "application/pdf");
		pupilsNote = write(pupil, "Arbeitsblatt Paul geheim.pdf", "application/pdf");
		strangersFile = write(stranger, "Arbeitsblatt fremd.pdf", "application/pdf");
	}

	private UUID write(SchulhausUser person, String name, String type) {
		byte[] content = ("Inhalt von " + name).getBytes(StandardCharsets.UTF_8);
		spaces.open(spaces.personal(person)).write(new DavPath(List.of(name)), new ByteArrayInputStream(content), type, content.length);
		return files.search(person, name, 5).stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().id();
	}

	private Map<String, String> event(String title, String attachments) {
		return new HashMap<>(Map.of("titel", title, "kalender", personal, "vonDatum", "2026-12-03", "vonZeit", "16:00", "bisDatum", "2026-12-03",
				"bisZeit", "17:00", "anhaenge", attachments));
	}

	private String caldav(String name) throws Exception {
		MockHttpServletResponse response = web.caldav(teacher, secret, "GET", "/caldav/" + teacher.login() + "/persoenlich/" + name, null);
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8).replace("\r\n ", "");
	}

	private String[] link(String title) throws Exception {
		String month = web.page(teacher, "/kalender?ansicht=monat&datum=2026-12-03");
		return CalendarWebFixture.link(CalendarWebFixture.cell(month, "2026-12-03"), title);
	}

	@Test
	void thePickerFindsOnlyFilesThePersonMayRead() throws Exception {
		String found = web.page(teacher, "/kalender/anhaenge/suche?dateisuche=Arbeitsblatt");
		assertThat(found).contains("Arbeitsblatt Brüche.pdf").contains("/kalender/anhaenge/" + sheet).doesNotContain("geheim").doesNotContain("fremd");
		assertThat(web.page(teacher, "/kalender/anhaenge/suche?dateisuche=geheim")).contains("Keine Datei gefunden.");

		String row = web.page(teacher, "/kalender/anhaenge/" + sheet);
		assertThat(row).contains("value=\"datei:" + sheet + "\"").contains("checked").contains("Arbeitsblatt Brüche.pdf").contains("(application/pdf)");
		for (String id : List.of(pupilsNote.toString(), strangersFile.toString(), UUID.randomUUID().toString(), "kein-id")) {
			assertThat(web.perform(teacher, get("/kalender/anhaenge/" + id)).getStatus()).as(id).isEqualTo(404);
		}
	}

	@Test
	void aPickedFileIsSavedAsALinkShownInTheDetailsAndOpensOnlyForThoseWhoMayReadIt() throws Exception {
		MockHttpServletResponse created = web.send(teacher, "/kalender/termin", event("Konferenz", "|datei:" + sheet));
		assertThat(created.getStatus()).isEqualTo(302);
		String[] link = link("Konferenz");
		String ics = caldav(link[1]);
		String href = "/dateien/meine/details?pfad=/Arbeitsblatt%20Br%C3%BCche.pdf";
		assertThat(ics).contains("ATTACH;VALUE=URI;FMTTYPE=application/pdf;FILENAME=\"Arbeitsblatt Brüche.pdf\":" + platform.baseUrl() + href);

		String details = web.page(teacher, "/kalender/" + link[0] + "/termin?name=" + link[1]);
		assertThat(details).contains("Anhänge").contains("href=\"" + platform.baseUrl() + href + "\"").contains(">Arbeitsblatt Brüche.pdf</a>")
			.contains("(application/pdf)");
		assertThat(web.perform(teacher, get(java.net.URI.create(href))).getStatus()).isEqualTo(200);
		// the pupil's "meine" is the pupil's own space: the teacher's file is not there
		assertThat(web.perform(pupil, get(java.net.URI.create(href))).getStatus()).isEqualTo(404);

		String dialog = web.page(teacher, "/kalender/" + link[0] + "/termin/bearbeiten?name=" + link[1]);
		assertThat(dialog).containsPattern("name=\"anhaenge\" value=\"uri:[^\"]*Arbeitsblatt[^\"]*\" checked");
		// unticked: only the empty value the dialog always sends
		MockHttpServletResponse removed = web.send(teacher, "/kalender/" + link[0] + "/termin",
				Map.of("name", link[1], "titel", "Konferenz", "kalender", personal, "vonDatum", "2026-12-03", "vonZeit", "16:00", "bisDatum",
						"2026-12-03", "bisZeit", "17:00", "anhaenge", ""));
		assertThat(removed.getStatus()).isEqualTo(302);
		assertThat(caldav(link[1])).doesNotContain("ATTACH");
	}

	@Test
	void editingKeepsWhatAnotherClientAttachedAndShowsInlineContentAsEmbedded() throws Exception {
		String ours = platform.baseUrl() + "/dateien/meine/details?pfad=/Alt.pdf";
		String client = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//iOS 17//EN\r\nBEGIN:VEVENT\r\nUID:att-web-1\r\n"
				+ "DTSTAMP:20261130T100000Z\r\nDTSTART:20261203T150000Z\r\nDTEND:20261203T160000Z\r\nSUMMARY:Elternabend\r\n"
				+ "ATTACH;FMTTYPE=text/plain;ENCODING=BASE64;VALUE=BINARY:SGFsbG8=\r\n"
				+ "ATTACH:https://example.org/Tagesordnung.docx\r\n"
				+ "ATTACH:javascript:alert(1)\r\n"
				+ "ATTACH;VALUE=URI;FILENAME=Alt.pdf:" + ours + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
		assertThat(web.caldav(teacher, secret, "PUT", "/caldav/" + teacher.login() + "/persoenlich/att-web-1.ics", client).getStatus()).isEqualTo(201);

		String details = web.page(teacher, "/kalender/" + personal + "/termin?name=att-web-1.ics");
		assertThat(details).contains("Anhang (eingebettet)").contains("href=\"https://example.org/Tagesordnung.docx\"").contains(">Tagesordnung.docx</a>")
			.doesNotContain("href=\"javascript:");
		String dialog = web.page(teacher, "/kalender/" + personal + "/termin/bearbeiten?name=att-web-1.ics");
		assertThat(dialog).contains("value=\"eingebettet:0\"").contains("Anhang (eingebettet)").contains("value=\"uri:https://example.org/Tagesordnung.docx\"");

		// Alt.pdf unticked, the sheet added, the rest ticked as shown
		MockHttpServletResponse saved = web.send(teacher, "/kalender/" + personal + "/termin", Map.of("name", "att-web-1.ics", "titel", "Elternabend",
				"kalender", personal, "vonDatum", "2026-12-03", "vonZeit", "16:00", "bisDatum", "2026-12-03", "bisZeit", "17:00", "anhaenge",
				"|eingebettet:0|uri:https://example.org/Tagesordnung.docx|uri:javascript:alert(1)|datei:" + sheet));
		assertThat(saved.getStatus()).isEqualTo(302);
		String ics = caldav("att-web-1.ics");
		assertThat(ics).contains("ATTACH;FMTTYPE=text/plain;ENCODING=BASE64;VALUE=BINARY:SGFsbG8=").contains("ATTACH:https://example.org/Tagesordnung.docx")
			.contains("ATTACH:javascript:alert(1)").contains("FILENAME=\"Arbeitsblatt Brüche.pdf\":").doesNotContain("Alt.pdf");
	}

	@Test
	void aFileThePersonMayNotReadOrMoreThanTwentyAreRefusedInGermanAndNothingIsSaved() throws Exception {
		for (UUID refused : List.of(pupilsNote, strangersFile, UUID.randomUUID())) {
			MockHttpServletResponse response = web.send(teacher, "/kalender/termin", event("Verboten", "|datei:" + sheet + "|datei:" + refused));
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("Bitte prüfen Sie die markierten Angaben.")
				.contains("Eine gewählte Datei gibt es nicht mehr oder Sie dürfen sie nicht lesen.").doesNotContain("geheim").doesNotContain("fremd");
		}
		List<String> many = new ArrayList<>();
		for (int i = 1; i <= 21; i++) {
			many.add("datei:" + write(teacher, "Blatt " + i + ".txt", "text/plain"));
		}
		String tooMany = web.send(teacher, "/kalender/termin", event("Zu viele", "|" + String.join("|", many))).getContentAsString(StandardCharsets.UTF_8);
		assertThat(tooMany).contains("Ein Termin kann höchstens 20 Anhänge haben.");
		String twenty = "|" + String.join("|", many.subList(0, 20));
		assertThat(web.send(teacher, "/kalender/termin", event("Genau zwanzig", twenty)).getStatus()).isEqualTo(302);
		assertThat(caldav(link("Genau zwanzig")[1]).split("ATTACH;", -1)).hasSize(21);
		assertThat(web.page(teacher, "/kalender?ansicht=liste&datum=2026-12-01")).doesNotContain("Verboten").doesNotContain("Zu viele");
	}
}
