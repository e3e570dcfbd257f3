package de.schulhaus.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.PersonalData;

/** A person's own files are in their data export as they stored them, and gone after an erasure. */
@IntegrationTest
class FilesPersonalDataTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	PersonalData personalData;

	@Autowired
	FilesPersonalData files;

	@Autowired
	StorageQuotas quotas;

	@Autowired
	TransactionTemplate tx;

	@Test
	void exportedAsStoredAndErasedWithTheAccount() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Export-Schule");
		var teacher = t.createUser(school, "Erika", "Export", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var person = users.load(teacher.login()).orElseThrow();
		String secret = credentials.createAppPassword(person, "x", Set.of(Scope.FILES), null).secret();
		String root = "/dav/files/" + teacher.login() + "/";
		mvc.perform(request(HttpMethod.valueOf("MKCOL"), root + "Ordner").with(httpBasic(teacher.login(), secret)));
		mvc.perform(request(HttpMethod.PUT, root + "Ordner/a.txt").content("Inhalt A").with(httpBasic(teacher.login(), secret)));

		DataSubject subject = new DataSubject(teacher.id(), school.id(), teacher.login(), "Erika Export", Locale.GERMAN, Instant.EPOCH);
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		personalData.export(subject, person, zip);
		Map<String, String> entries = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(entries).hasEntrySatisfying("dateien/Meine Dateien/Ordner/a.txt", content -> assertThat(content).isEqualTo("Inhalt A"));
		assertThat(entries.get("dateien/dateien.json")).contains("Ordner/a.txt");

		var erasure = tx.execute(status -> files.erase(subject, person));
		assertThat(erasure.erased()).hasSize(1);
		assertThat(quotas.usageOfPerson(school.id(), teacher.id()).usedBytes()).isZero();
		assertThat(mvc.perform(request(HttpMethod.GET, root + "Ordner/a.txt").with(httpBasic(teacher.login(), secret))).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
	}
}
