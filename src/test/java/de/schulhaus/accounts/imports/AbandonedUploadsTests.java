package de.schulhaus.accounts.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.blobs.BlobStore;
import de.schulhaus.platform.NotFoundException;

/** Uploaded rosters that nobody confirmed do not stay around with pupils' data. */
@IntegrationTest
class AbandonedUploadsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	RosterImports imports;

	@Autowired
	AbandonedUploads sweeper;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	BlobStore blobs;

	@Test
	void unconfirmedUploadsAreRemovedWithTheirContent() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Aufräum-Schule");
		var admin = t.createUser(school, "Ada", "Aufraeumer", "SCHOOL_ADMIN", "admin-laterne-quitte-4", null);
		UUID upload = imports.upload(school.id(), users.load(admin.login()).orElseThrow(), "klasse.csv", "text/csv", -1,
				new ByteArrayInputStream("Quell-Id;Nachname;Vorname;Kontotyp\nS-1;A;B;Schüler*in\n".getBytes()), null);
		UUID content = imports.require(school.id(), upload).blobId();
		assertThat(blobs.open(content)).isPresent().get().satisfies(InputStream::close);
		assertThat(sweeper.removeOlderThan(Instant.now().minusSeconds(3600))).isZero();
		assertThat(sweeper.removeOlderThan(Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(1);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> imports.require(school.id(), upload))
			.isInstanceOf(NotFoundException.class);
		assertThat(blobs.open(content)).as("the uploaded file is gone too").isEmpty();
	}
}
