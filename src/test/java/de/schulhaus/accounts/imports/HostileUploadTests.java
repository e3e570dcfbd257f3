package de.schulhaus.accounts.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.PlatformProperties;
import de.schulhaus.platform.SchulhausUser;

/**
 * Hostile roster uploads through the API and the web page, with the default limits: each is refused with the
 * status and the message an admin or a script sees, and nothing of it is written or kept.
 */
@IntegrationTest
class HostileUploadTests {

	private static final String OPERATOR = "Bearer " + TestSchools.OPERATOR_TOKEN;

	@TempDir
	static Path files;

	/** 1 GiB of zeros in front of a real export: about 1 MB as a ZIP. */
	private static byte[] zipBomb;

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformProperties platform;

	@BeforeAll
	static void buildHostileFiles() throws IOException {
		zipBomb = Files.readAllBytes(HostileFiles.zip(files.resolve("bomb.zip"),
				HostileFiles.entry("bomb.bin", HostileFiles.repeated("", (byte) 0, HostileFiles.GIGABYTE, "")),
				HostileFiles.entry("SchILD-Export.xml", RosterSamples.SCHILD_XML)));
	}

	@Test
	void aZipBombIsRefusedWhileUnpackingAndWritesNothing() throws Exception {
		var school = new TestSchools(mvc).createSchool("Bomben-Schule");

		importFile(school, zipBomb, "application/zip")
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:schulhaus:problem:roster-too-large"))
			.andExpect(jsonPath("$.title").value("Datei überschreitet eine Grenze des Imports"))
			.andExpect(jsonPath("$.detail", Matchers.startsWith("Die Datei ist entpackt größer als 200 MB")));
		assertNoAccounts(school);
	}

	@Test
	void anXlsxWhoseSheetIsAGigabyteIsRefused() throws Exception {
		var school = new TestSchools(mvc).createSchool("Blatt-Schule");
		byte[] xlsx = Files.readAllBytes(HostileFiles.xlsx(files.resolve("sheet.xlsx"),
				HostileFiles.repeated(HostileFiles.SHEET_HEAD, (byte) ' ', HostileFiles.GIGABYTE, HostileFiles.SHEET_TAIL)));

		importFile(school, xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value("urn:schulhaus:problem:roster-too-large"))
			.andExpect(jsonPath("$.detail", Matchers.startsWith("Die Datei ist ungewöhnlich stark gepackt")));
		assertNoAccounts(school);
	}

	@Test
	void anOdsWhoseContentIsAGigabyteIsRefused() throws Exception {
		var school = new TestSchools(mvc).createSchool("ODS-Bomben-Schule");
		byte[] ods = Files.readAllBytes(HostileFiles.ods(files.resolve("content.ods"),
				HostileFiles.repeated(HostileFiles.ODS_HEAD, (byte) ' ', HostileFiles.GIGABYTE, HostileFiles.ODS_TAIL)));

		importFile(school, ods, "application/vnd.oasis.opendocument.spreadsheet")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail", Matchers.startsWith("Die Datei ist entpackt größer als 200 MB")));
	}

	@Test
	void aCsvWithMillionsOfRowsIsRefusedAtThePersonLimit() throws Exception {
		var school = new TestSchools(mvc).createSchool("Millionen-Schule");
		byte[] csv;
		try (InputStream rows = HostileFiles.csv(2_000_000, (row) -> "S;N;V;;L\n")) {
			csv = rows.readAllBytes();
		}
		assertThat(csv.length).isLessThan(20 << 20);

		importFile(school, csv, "text/csv")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail", Matchers.startsWith("Die Datei enthält mehr als 100.000 Personen")));
		assertNoAccounts(school);
	}

	@Test
	void aBodyBeyondTheUploadLimitIs413() throws Exception {
		var school = new TestSchools(mvc).createSchool("Uebergross-Schule");

		importFile(school, new byte[(20 << 20) + 1], "text/csv")
			.andExpect(status().is(413))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:schulhaus:problem:upload-too-large"))
			.andExpect(jsonPath("$.detail", Matchers.startsWith("Die Datei ist größer als 20 MB")));
	}

	@Test
	void aFieldOfOneMegabyteIsAnErrorOfItsRowOnly() throws Exception {
		var school = new TestSchools(mvc).createSchool("Feld-Schule");
		String csv = "Quell-Id;Nachname;Vorname;Klasse;Kontotyp\nS-1;Muster;Max;5a;Schüler*in\nS-2;" + "x".repeat(1 << 20)
				+ ";Mia;5a;Schüler*in\n";

		importFile(school, csv.getBytes(StandardCharsets.UTF_8), "text/csv")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(1))
			.andExpect(jsonPath("$.errorCount").value(1))
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].message", Matchers.startsWith("Ein Feld ist länger als 200 Zeichen")));
	}

	@Test
	void onlyTheFirstThousandRowErrorsAreListedAndAllAreCounted() throws Exception {
		var school = new TestSchools(mvc).createSchool("Fehler-Schule");
		byte[] csv;
		try (InputStream rows = HostileFiles.csv(1_500, (row) -> "S-" + row + ";N;V;5a;Roboter\n")) {
			csv = rows.readAllBytes();
		}

		importFile(school, csv, "text/csv")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(0))
			.andExpect(jsonPath("$.errors.length()").value(1_000))
			.andExpect(jsonPath("$.errorCount").value(1_500));
	}

	@Test
	void thePreviewListsTheFirstThousandRowErrorsAndCountsTheRest() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Web-Fehler-Schule");
		SchulhausUser admin = admin(t, school);
		byte[] csv;
		try (InputStream rows = HostileFiles.csv(1_500, (row) -> "S-" + row + ";N;V;5a;Roboter\n")) {
			csv = rows.readAllBytes();
		}

		String columns = mvc.perform(multipart("/verwaltung/import").file(new MockMultipartFile("file", "liste.csv", "text/csv", csv))
				.with(user(admin)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		String page = mvc.perform(get(columns.replace("/spalten", "")).with(user(admin)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

		assertThat(page).contains("<dd id=\"count-errors\">1500</dd>", "Zeile 1.001",
				"… und 500 weitere Zeilen mit Fehlern; aufgeführt sind die ersten 1.000.").doesNotContain("Zeile 1.002");
	}

	@Test
	void aTooLargeWebUploadIs413OnTheImportPageAndLeavesNothingBehind() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Web-Gross-Schule");
		SchulhausUser admin = admin(t, school);
		long blobFiles = blobFiles();

		mvc.perform(multipart("/verwaltung/import").file(new MockMultipartFile("file", "liste.csv", "text/csv",
				new byte[(20 << 20) + 1])).with(user(admin)).with(csrf()))
			.andExpect(status().is(413))
			.andExpect(content().string(Matchers.containsString("Die Datei ist größer als 20 MB und wurde nicht übernommen")));
		assertNothingKept(school.id(), blobFiles);
	}

	@Test
	void aZipBombThroughTheWebPageIs422AndLeavesNothingBehind() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Web-Bomben-Schule");
		SchulhausUser admin = admin(t, school);
		long blobFiles = blobFiles();

		mvc.perform(multipart("/verwaltung/import").file(new MockMultipartFile("file", "export.zip", "application/zip", zipBomb))
				.with(user(admin)).with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(Matchers.containsString("Die Datei ist entpackt größer als 200 MB")));
		assertNothingKept(school.id(), blobFiles);
		mvc.perform(get("/verwaltung/import").with(user(admin)))
			.andExpect(content().string(Matchers.containsString("Höchstens 20 MB je Datei und 100.000 Personen.")));
	}

	@Test
	void aWebUploadWithTooManyPersonsIs422BeforeTheColumnsAreChosen() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Web-Millionen-Schule");
		SchulhausUser admin = admin(t, school);
		byte[] csv;
		// no usable columns: the limit still applies at the upload, before the admin maps any
		try (InputStream rows = HostileFiles.csv(100_001, (row) -> "a;b\n")) {
			csv = rows.readAllBytes();
		}

		mvc.perform(multipart("/verwaltung/import").file(new MockMultipartFile("file", "liste.csv", "text/csv", csv))
				.with(user(admin)).with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(Matchers.containsString("mehr als 100.000 Personen")));
		assertNothingKept(school.id(), -1);
	}

	private ResultActions importFile(TestSchools.SchoolRef school, byte[] body, String type) throws Exception {
		return mvc.perform(post("/api/v1/schools/" + school.id() + "/roster-imports").header("Authorization", OPERATOR)
			.contentType(type).content(body));
	}

	private SchulhausUser admin(TestSchools t, TestSchools.SchoolRef school) throws Exception {
		var admin = t.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-4", null);
		return users.load(admin.login()).orElseThrow().withTwoFactor(true);
	}

	private void assertNoAccounts(TestSchools.SchoolRef school) throws Exception {
		mvc.perform(get("/api/v1/schools/" + school.id() + "/users").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$.length()").value(0));
	}

	/** No upload row, no blob row, and (unless -1) as many files in the blob folder as before. */
	private void assertNothingKept(UUID schoolId, long blobFilesBefore) throws IOException {
		assertThat(jdbc.sql("select count(*) from roster_upload where school_id = :s").param("s", schoolId)
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from stored_blob where school_id = :s").param("s", schoolId)
			.query(Long.class).single()).isZero();
		if (blobFilesBefore >= 0) {
			assertThat(blobFiles()).isEqualTo(blobFilesBefore);
		}
	}

	private long blobFiles() throws IOException {
		Path blobs = platform.dataDir().resolve("blobs");
		if (!Files.isDirectory(blobs)) {
			return 0;
		}
		try (Stream<Path> all = Files.walk(blobs)) {
			return all.filter(Files::isRegularFile).count();
		}
	}

}
