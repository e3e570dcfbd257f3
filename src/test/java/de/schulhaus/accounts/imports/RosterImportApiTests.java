package de.schulhaus.accounts.imports;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import org.springframework.mock.web.MockMultipartFile;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;
import net.lingala.zip4j.io.outputstream.ZipOutputStream;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.EncryptionMethod;

/** The roster import through the provisioning API: preview, write, re-import, new school year. */
@IntegrationTest
class RosterImportApiTests {

	private static final String OPERATOR = "Bearer " + TestSchools.OPERATOR_TOKEN;

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	private ResultActions importFile(TestSchools.SchoolRef school, byte[] body, String type, String query) throws Exception {
		return mvc.perform(post("/api/v1/schools/" + school.id() + "/roster-imports" + query).header("Authorization", OPERATOR)
			.contentType(type).content(body));
	}

	private static byte[] schild() throws Exception {
		return RosterSamples.SCHILD_XML.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void dryRunWritesNothingThenTheImportCreatesEveryoneOnce() throws Exception {
		var school = new TestSchools(mvc).createSchool("SchILD-Schule");
		importFile(school, schild(), "application/xml", "?dryRun=true")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(8))
			.andExpect(jsonPath("$.errors.length()").value(0));
		mvc.perform(get("/api/v1/schools/" + school.id() + "/users").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$.length()").value(0));

		importFile(school, schild(), "application/xml", "?dryRun=false").andExpect(jsonPath("$.created").value(8));
		mvc.perform(get("/api/v1/schools/" + school.id() + "/users").param("q", "mueller").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$[*].login", Matchers.containsInAnyOrder("anna.mueller@" + school.domain(),
					"anna.mueller2@" + school.domain(), "juergen.gross-mueller@" + school.domain())));
		mvc.perform(get("/api/v1/schools/" + school.id() + "/groups").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$[?(@.name == '05A')].members").value(Matchers.contains(5)));

		importFile(school, schild(), "application/xml", "")
			.andExpect(jsonPath("$.created").value(0)).andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.moved").value(0)).andExpect(jsonPath("$.markedForDeletion").value(0))
			.andExpect(jsonPath("$.unchanged").value(8));
	}

	@Test
	void newSchoolYearMovesPupilsAndMarksLeaversForDeletion() throws Exception {
		var school = new TestSchools(mvc).createSchool("Schuljahr-Schule");
		importFile(school, schild(), "application/xml", "").andExpect(jsonPath("$.created").value(8));
		String nextYear = RosterSamples.SCHILD_XML
			.replace("<short>05A</short>", "<short>06A</short>")
			.replaceAll("(?s)<person>\\s*<sourcedid><source>SchILD-NRW</source><id>S-090818</id>.*?</person>", "")
			.replace("<member><sourcedid><source>SchILD-NRW</source><id>S-090818</id></sourcedid><role roletype=\"01\"><status>1</status></role></member>", "");
		importFile(school, nextYear.getBytes(StandardCharsets.UTF_8), "application/xml", "")
			.andExpect(jsonPath("$.created").value(0))
			.andExpect(jsonPath("$.moved").value(5))
			.andExpect(jsonPath("$.markedForDeletion").value(1));
		mvc.perform(get("/api/v1/schools/" + school.id() + "/users").param("q", "strassburger").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$[0].status").value("MARKED_FOR_DELETION"));
		// SchILD keeps the class's id: 05A is now 06A, with its pupils still in it
		mvc.perform(get("/api/v1/schools/" + school.id() + "/groups").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$[?(@.name == '06A')].members").value(Matchers.contains(5)))
			.andExpect(jsonPath("$[?(@.name == '05A')]").isEmpty());
	}

	@Test
	void thePreviewNamesTheClassesThatComeBackUnderANewName() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Vorschau-Schule");
		var admin = t.createUser(school, "Vera", "Vorschau", "SCHOOL_ADMIN", "admin-laterne-quitte-4", null);
		importFile(school, schild(), "application/xml", "").andExpect(jsonPath("$.created").value(8));
		SchulhausUser me = users.load(admin.login()).orElseThrow().withTwoFactor(true);
		byte[] nextYear = RosterSamples.SCHILD_XML.replace("<short>05A</short>", "<short>06A</short>").getBytes(StandardCharsets.UTF_8);
		String preview = mvc.perform(multipart("/verwaltung/import")
				.file(new MockMultipartFile("file", "schild.xml", "application/xml", nextYear)).with(user(me)).with(csrf()))
			.andReturn().getResponse().getRedirectedUrl();
		mvc.perform(get(preview).with(user(me)))
			.andExpect(content().string(Matchers.containsString("Gruppen mit neuem Namen")))
			.andExpect(content().string(Matchers.containsString("05A → 06A")));
	}

	@Test
	void tableImportNeverTouchesPeopleFromSchild() throws Exception {
		var school = new TestSchools(mvc).createSchool("Quellen-Schule");
		importFile(school, schild(), "application/xml", "").andExpect(jsonPath("$.created").value(8));
		byte[] csv = "Quell-Id;Nachname;Vorname;Klasse;Kontotyp\nS-100231;Müller;Anna;5a;Schüler*in\n".getBytes(StandardCharsets.UTF_8);
		importFile(school, csv, "text/csv", "")
			.andExpect(jsonPath("$.created").value(1))
			.andExpect(jsonPath("$.markedForDeletion").value(0));
		mvc.perform(get("/api/v1/schools/" + school.id() + "/users").param("q", "anna").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[?(@.source == 'SCHILD')].status", Matchers.everyItem(Matchers.is("ACTIVE"))));
	}

	@Test
	void windows1252CsvWithRowErrorsImportsTheGoodRows() throws Exception {
		var school = new TestSchools(mvc).createSchool("CSV-Schule");
		byte[] csv = ("Quell-Id;Nachname;Vorname;Klasse;Kontotyp\r\nS-1;Schäfer;Jörg;07B;Schüler*in\r\nS-2;Weiß;;07B;Schüler*in\r\n"
				+ "S-3;Kühn;Renée;;Hausmeister\r\nS-1;Doppelt;Dora;07B;Schüler*in\r\n").getBytes(Charset.forName("windows-1252"));
		importFile(school, csv, "text/csv", "")
			.andExpect(jsonPath("$.created").value(1))
			.andExpect(jsonPath("$.errors.length()").value(3))
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[*].message", Matchers.hasItem(Matchers.containsString("Hausmeister"))));
		mvc.perform(get("/api/v1/schools/" + school.id() + "/users").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$[0].lastName").value("Schäfer")).andExpect(jsonPath("$[0].firstName").value("Jörg"));
	}

	@Test
	void passwordProtectedZipNeedsTheRightPassword() throws Exception {
		var school = new TestSchools(mvc).createSchool("ZIP-Schule");
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		ZipParameters params = new ZipParameters();
		params.setEncryptFiles(true);
		params.setEncryptionMethod(EncryptionMethod.AES);
		params.setFileNameInZip("SchILD-Export.xml");
		try (ZipOutputStream out = new ZipOutputStream(zip, "geheim123".toCharArray())) {
			out.putNextEntry(params);
			out.write(schild());
			out.closeEntry();
		}
		importFile(school, zip.toByteArray(), "application/zip", "?zipPassword=falsch&dryRun=true")
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		importFile(school, zip.toByteArray(), "application/zip", "?zipPassword=geheim123&dryRun=true")
			.andExpect(status().isOk()).andExpect(jsonPath("$.created").value(8));
	}

	@Test
	void aFileThatIsNoRosterGetsAClearProblem() throws Exception {
		var school = new TestSchools(mvc).createSchool("Kaputt-Schule");
		importFile(school, "<html>nope".getBytes(StandardCharsets.UTF_8), "application/xml", "")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").isString());
		importFile(school, "Name;Vorname\nA;B\n".getBytes(StandardCharsets.UTF_8), "text/csv", "")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail", Matchers.containsString("Quell-Id")));
	}

	@Test
	void fiftyThousandRowsWithSomeBadOnesArePlannedRowByRow() throws Exception {
		var school = new TestSchools(mvc).createSchool("Grosse-Schule");
		StringBuilder csv = new StringBuilder("\uFEFFQuell-Id,Nachname,Vorname,Klasse,Kontotyp\n");
		for (int i = 1; i <= 50_000; i++) {
			String kind = i % 10_000 == 0 ? "Roboter" : "Schüler*in";
			csv.append("S-").append(i).append(",Nachname").append(i).append(",Vorname,").append(5 + i % 8).append("a,").append(kind).append('\n');
		}
		importFile(school, csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv", "?dryRun=true")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(49_995))
			.andExpect(jsonPath("$.errors.length()").value(5))
			.andExpect(jsonPath("$.errors[0].row").value(10_001));
		mvc.perform(get("/api/v1/schools/" + school.id() + "/users").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$.length()").value(0));
	}
}
