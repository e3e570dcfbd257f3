package de.schulhaus.accounts.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;
import net.lingala.zip4j.io.outputstream.ZipOutputStream;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.EncryptionMethod;

/**
 * The password of an uploaded SchILD ZIP waits for the confirmation sealed by SecretBox: a database dump shows
 * no password, and a sealed value copied to another upload does not open there.
 */
@IntegrationTest
class SealedZipPasswordTests {

	private static final String PASSWORD = "Export-Passwort-2026";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theStoredPasswordIsSealedAndTheImportStillWorks() throws Exception {
		SchulhausUser admin = adminOfNewSchool("Siegel-Schule");

		UUID upload = upload(admin, PASSWORD);

		String stored = storedPassword(upload);
		assertThat(stored).isNotEqualTo(PASSWORD).doesNotContain(PASSWORD).startsWith("v1:").hasSizeLessThanOrEqualTo(400);
		mvc.perform(get("/verwaltung/import/" + upload).with(user(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("<dd id=\"count-created\">8</dd>")));
		mvc.perform(post("/verwaltung/import/" + upload + "/bestaetigen").with(user(admin)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("8 neu")));
	}

	@Test
	void aSealedPasswordCopiedToAnotherUploadDoesNotOpenThere() throws Exception {
		SchulhausUser admin = adminOfNewSchool("Kopier-Schule");
		UUID first = upload(admin, PASSWORD);
		UUID second = upload(admin, "Anderes-Passwort-1");

		jdbc.sql("update roster_upload set zip_password = :pw where id = :id").param("pw", storedPassword(first))
			.param("id", second).update();

		mvc.perform(get("/verwaltung/import/" + second).with(user(admin)))
			.andExpect(content().string(Matchers.containsString("Das Passwort für die ZIP-Datei ist falsch oder fehlt")));
	}

	@Test
	void aWrongPasswordIsRefusedAtTheUploadAndNothingIsKept() throws Exception {
		SchulhausUser admin = adminOfNewSchool("Falsch-Schule");

		mvc.perform(multipart("/verwaltung/import").file(zipFile()).param("zipPassword", "falsch").with(user(admin)).with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(Matchers.containsString("Das Passwort für die ZIP-Datei ist falsch oder fehlt")));
		assertThat(jdbc.sql("select count(*) from roster_upload where school_id = :s").param("s", admin.schoolId())
			.query(Long.class).single()).isZero();
	}

	@Test
	void aPasswordLongerThanTheSealedColumnHoldsIsRefused() throws Exception {
		SchulhausUser admin = adminOfNewSchool("Lang-Schule");

		mvc.perform(multipart("/verwaltung/import").file(zipFile()).param("zipPassword", "ä".repeat(81)).with(user(admin))
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(Matchers.containsString("länger als 80 Zeichen")));
	}

	@Test
	void theMigrationClearsPlainPasswordsLeftFromBefore() throws Exception {
		SchulhausUser admin = adminOfNewSchool("Alt-Schule");
		UUID upload = upload(admin, PASSWORD);
		jdbc.sql("update roster_upload set zip_password = :pw where id = :id").param("pw", PASSWORD).param("id", upload).update();

		String migration = new ClassPathResource("db/migration/accounts/V202611301020__accounts_roster_zip_password_sealed.sql")
			.getContentAsString(StandardCharsets.UTF_8);
		for (String statement : migration.replaceAll("(?m)^--.*$", "").split(";")) {
			if (!statement.isBlank()) {
				jdbc.sql(statement).update();
			}
		}

		assertThat(storedPassword(upload)).isNull();
		mvc.perform(get("/verwaltung/import/" + upload).with(user(admin)))
			.andExpect(content().string(Matchers.containsString("Das Passwort für die ZIP-Datei ist falsch oder fehlt")));
	}

	private SchulhausUser adminOfNewSchool(String name) throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool(name);
		var admin = t.createUser(school, "Sven", "Siegel", "SCHOOL_ADMIN", "admin-laterne-quitte-4", null);
		return users.load(admin.login()).orElseThrow().withTwoFactor(true);
	}

	private UUID upload(SchulhausUser admin, String password) throws Exception {
		byte[] zip = zipBytes(password);
		String location = mvc.perform(multipart("/verwaltung/import")
				.file(new MockMultipartFile("file", "SchILD-Export.zip", "application/zip", zip)).param("zipPassword", password)
				.with(user(admin)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	private String storedPassword(UUID upload) {
		return jdbc.sql("select zip_password from roster_upload where id = :id").param("id", upload)
			.query(String.class).optional().orElse(null);
	}

	private static MockMultipartFile zipFile() throws IOException {
		return new MockMultipartFile("file", "SchILD-Export.zip", "application/zip", zipBytes(PASSWORD));
	}

	private static byte[] zipBytes(String password) throws IOException {
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		ZipParameters params = new ZipParameters();
		params.setEncryptFiles(true);
		params.setEncryptionMethod(EncryptionMethod.AES);
		params.setFileNameInZip("SchILD-Export.xml");
		try (ZipOutputStream out = new ZipOutputStream(zip, password.toCharArray())) {
			out.putNextEntry(params);
			out.write(RosterSamples.SCHILD_XML.getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
		}
		return zip.toByteArray();
	}

}
