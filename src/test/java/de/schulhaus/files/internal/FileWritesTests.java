package de.schulhaus.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.dav.DavException;

/**
 * Content of unknown length (chunked uploads) is checked against the quota when it is attached: a
 * file that does not fit leaves no row, no blob and no usage behind.
 */
@IntegrationTest
class FileWritesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	FileWrites writes;

	@Autowired
	FileNodes nodes;

	@Autowired
	StorageQuotas quotas;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFileOfUnknownLengthThatDoesNotFitLeavesNothingBehind() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Quoten-Schule");
		var teacher = t.createUser(school, "Quirin", "Quote", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		quotas.setPersonal(school.id(), teacher.id(), 1L, null, users.load(teacher.login()).orElseThrow());
		FileNode root = nodes.root(school.id(), teacher.id());

		writes.write(own(school.id(), teacher.id()), root, "klein.txt", new ByteArrayInputStream(new byte[600_000]), "text/plain", -1);
		assertThatThrownBy(() -> writes.write(own(school.id(), teacher.id()), root, "gross.bin",
				new ByteArrayInputStream(new byte[600_000]), "application/octet-stream", -1))
			.isInstanceOfSatisfying(DavException.class, e -> assertThat(e.status()).isEqualTo(507));

		assertThat(nodes.child(school.id(), teacher.id(), root.id(), "gross.bin")).isEmpty();
		assertThat(quotas.usageOfPerson(school.id(), teacher.id()).usedBytes()).isEqualTo(600_000);
		// replacing a file needs room for the difference only: 900 kB replace 600 kB in a 1 MB space
		writes.write(own(school.id(), teacher.id()), root, "klein.txt", new ByteArrayInputStream(new byte[900_000]), "text/plain", 900_000);
		assertThat(quotas.usageOfPerson(school.id(), teacher.id()).usedBytes()).isEqualTo(900_000);
		// no room for the old content as a version too: it went instead
		assertThat(jdbc.sql("select count(*) from stored_blob where owner_id = :owner").param("owner", teacher.id()).query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from file_version where school_id = :school").param("school", school.id()).query(Long.class)
			.single()).isZero();
	}

	@Test
	void aFolderThatAParallelClientMadeAMomentEarlierAnswers405NotA500() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Parallel-Schule");
		var teacher = t.createUser(school, "Paula", "Parallel", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		FileNode root = nodes.root(school.id(), teacher.id());
		// the engine checked that the name is free; meanwhile another request took it
		writes.createFolder(own(school.id(), teacher.id()), root, "Oberstufe");
		assertThatThrownBy(() -> writes.createFolder(own(school.id(), teacher.id()), root, "Oberstufe"))
			.isInstanceOfSatisfying(DavException.class, e -> assertThat(e.status()).isEqualTo(405));
	}

	static Space own(java.util.UUID school, java.util.UUID account) {
		return new Space(account, school, SpaceKind.PERSONAL, "Meine Dateien", Spaces.PERSONAL_KEY, true, false, account);
	}
}
