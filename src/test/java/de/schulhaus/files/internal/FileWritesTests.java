package de.schulhaus.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Optional;

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
	void newFilesWrittenAtOnceAreCommittedTogetherAndCountedExactly() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Gruppen-Schule");
		var teacher = t.createUser(school, "Greta", "Gruppe", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		// room for 20 of the 40 uploads of 50,000 bytes; ten names come twice
		quotas.setPersonal(school.id(), teacher.id(), 1L, null, users.load(teacher.login()).orElseThrow());
		Space space = own(school.id(), teacher.id());
		FileNode root = nodes.root(school.id(), teacher.id());
		java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
		java.util.List<java.util.concurrent.Future<Optional<FileNode>>> results = new java.util.ArrayList<>();
		for (int i = 0; i < 40; i++) {
			String name = "blatt-" + (i % 30) + ".pdf";
			results.add(clients.submit(() -> {
				try {
					return Optional.of(writes.write(space, root, name, Optional.empty(), new ByteArrayInputStream(new byte[50_000]),
							"application/pdf", 50_000, null));
				} catch (DavException e) {
					assertThat(e.status()).isEqualTo(507);
					return Optional.<FileNode>empty();
				}
			}));
		}
		int stored = 0;
		for (var result : results) {
			if (result.get(60, java.util.concurrent.TimeUnit.SECONDS).isPresent()) {
				stored++;
			}
		}
		clients.shutdown();

		long usage = quotas.usageOfPerson(school.id(), teacher.id()).usedBytes();
		long blobBytes = jdbc.sql("select coalesce(sum(size_bytes), 0) from stored_blob where owner_id = :owner").param("owner", teacher.id())
			.query(Long.class).single();
		assertThat(usage).as("the usage is what is stored").isEqualTo(blobBytes).isLessThanOrEqualTo(1024L * 1024);
		assertThat(stored).as("what fits is stored").isGreaterThanOrEqualTo(10);
		java.util.List<String> names = jdbc.sql("select name from file_node where school_id = :school and owner_id = :owner and kind = 'file'")
			.param("school", school.id()).param("owner", teacher.id()).query(String.class).list();
		assertThat(names).doesNotHaveDuplicates();
		// every file's content is counted, and nothing is counted that no file or version holds
		assertThat(jdbc.sql("select count(*) from file_node n where n.owner_id = :owner and n.kind = 'file' "
				+ "and not exists (select 1 from stored_blob b where b.id = n.blob_id)").param("owner", teacher.id()).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from stored_blob b where b.owner_id = :owner and not exists (select 1 from file_node n where n.blob_id = b.id) "
				+ "and not exists (select 1 from file_version v where v.blob_id = b.id)").param("owner", teacher.id()).query(Long.class).single()).isZero();
		// one activity line per file that came new
		assertThat(jdbc.sql("select count(*) from file_activity where space_id = :space and action = 'uploaded'").param("space", space.id())
			.query(Long.class).single()).isEqualTo(names.size());
	}

	@Test
	void aNewFileWhoseFolderWentAwayFailsAloneAndTheOthersWrittenWithItAreStored() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Ordner-weg-Schule");
		var teacher = t.createUser(school, "Olivia", "Ordner", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		Space space = own(school.id(), teacher.id());
		FileNode root = nodes.root(school.id(), teacher.id());
		java.time.Instant now = java.time.Instant.now();
		// a folder that another request removed after this one had found it
		FileNode gone = new FileNode(java.util.UUID.randomUUID(), root.id(), "Entfernt", true, null, 0, null, FileNodes.etag(), now, now, teacher.id());
		java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
		java.util.List<java.util.concurrent.Future<FileNode>> results = new java.util.ArrayList<>();
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 8; i++) {
				FileNode folder = i == 3 ? gone : root;
				String name = "datei-" + round + "-" + i + ".txt";
				results.add(clients.submit(() -> writes.write(space, folder, name, Optional.empty(), bytes("Inhalt " + name), "text/plain", 20, null)));
			}
		}
		int stored = 0;
		int failed = 0;
		for (var result : results) {
			try {
				assertThat(result.get(60, java.util.concurrent.TimeUnit.SECONDS).parentId()).isEqualTo(root.id());
				stored++;
			} catch (java.util.concurrent.ExecutionException e) {
				failed++;
			}
		}
		clients.shutdown();
		assertThat(stored).isEqualTo(21);
		assertThat(failed).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from file_node where school_id = :school and owner_id = :owner and kind = 'file'")
			.param("school", school.id()).param("owner", teacher.id()).query(Long.class).single()).isEqualTo(21);
		long usage = quotas.usageOfPerson(school.id(), teacher.id()).usedBytes();
		assertThat(usage).isEqualTo(jdbc.sql("select coalesce(sum(size_bytes), 0) from stored_blob where owner_id = :owner").param("owner", teacher.id())
			.query(Long.class).single()).isEqualTo(21 * 20);
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

	@Test
	void aReplacementOfAFileThatChangedMeanwhileKeepsWhatItReallyReplacedAsTheVersion() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Wettlauf-Schule");
		var teacher = t.createUser(school, "Wanda", "Wettlauf", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		Space space = own(school.id(), teacher.id());
		FileNode root = nodes.root(school.id(), teacher.id());
		FileNode first = writes.write(space, root, "plan.txt", Optional.empty(), bytes("eins"), "text/plain", 4, null);
		// two clients saw the first content; the one that comes second finds the file changed meanwhile
		FileNode second = writes.write(space, root, "plan.txt", Optional.of(first), bytes("zwei"), "text/plain", 4, null);
		FileNode third = writes.write(space, root, "plan.txt", Optional.of(first), bytes("drei"), "text/plain", 4, null);

		assertThat(third.id()).isEqualTo(first.id());
		assertThat(read(nodes.child(school.id(), teacher.id(), root.id(), "plan.txt").orElseThrow())).isEqualTo("drei");
		// each replacement kept the content it replaced: "eins" and "zwei", not "eins" twice
		assertThat(jdbc.sql("select blob_id from file_version where school_id = :school and node_id = :node").param("school", school.id())
			.param("node", first.id()).query(java.util.UUID.class).list()).containsExactlyInAnyOrder(first.blobId(), second.blobId());
		assertThat(quotas.usageOfPerson(school.id(), teacher.id()).usedBytes()).isEqualTo(12);
	}

	@Test
	void anUploadWhoseNameAnotherUploadTookMeanwhileReplacesItAsIfItCameSecond() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Gleichzeitig-Schule");
		var teacher = t.createUser(school, "Gerd", "Gleichzeitig", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		Space space = own(school.id(), teacher.id());
		FileNode root = nodes.root(school.id(), teacher.id());
		FileNode other = writes.write(space, root, "liste.csv", Optional.empty(), bytes("a;b"), "text/csv", 3, null);
		// this request looked before the other upload was there
		FileNode ours = writes.write(space, root, "liste.csv", Optional.empty(), bytes("a;b;c"), "text/csv", 5, null);

		assertThat(ours.id()).isEqualTo(other.id());
		assertThat(read(nodes.child(school.id(), teacher.id(), root.id(), "liste.csv").orElseThrow())).isEqualTo("a;b;c");
		assertThat(jdbc.sql("select blob_id from file_version where school_id = :school").param("school", school.id())
			.query(java.util.UUID.class).list()).containsExactly(other.blobId());
	}

	@Test
	void aSmallFileThatDoesNotFitIsRefusedAtTheAttachAndLeavesNothingBehind() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Klein-Voll-Schule");
		var teacher = t.createUser(school, "Karla", "Klein", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		quotas.setPersonal(school.id(), teacher.id(), 1L, null, users.load(teacher.login()).orElseThrow());
		Space space = own(school.id(), teacher.id());
		FileNode root = nodes.root(school.id(), teacher.id());
		writes.write(space, root, "a.bin", Optional.empty(), new ByteArrayInputStream(new byte[600_000]), "application/octet-stream", 600_000, null);
		// announced and below the early check's length: read, then refused where it is counted
		assertThatThrownBy(() -> writes.write(space, root, "b.bin", Optional.empty(), new ByteArrayInputStream(new byte[600_000]),
				"application/octet-stream", 600_000, null))
			.isInstanceOfSatisfying(DavException.class, e -> assertThat(e.status()).isEqualTo(507));

		assertThat(nodes.child(school.id(), teacher.id(), root.id(), "b.bin")).isEmpty();
		assertThat(quotas.usageOfPerson(school.id(), teacher.id()).usedBytes()).isEqualTo(600_000);
		assertThat(jdbc.sql("select count(*) from stored_blob where owner_id = :owner").param("owner", teacher.id()).query(Long.class)
			.single()).isEqualTo(1);
	}

	private String read(FileNode file) throws java.io.IOException {
		try (var in = writes.open(file, 0, Long.MAX_VALUE)) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	private static ByteArrayInputStream bytes(String text) {
		return new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	static Space own(java.util.UUID school, java.util.UUID account) {
		return new Space(account, school, SpaceKind.PERSONAL, "Meine Dateien", Spaces.PERSONAL_KEY, true, false, account);
	}
}
