package de.schulhaus.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;
import de.schulhaus.platform.SchulhausUser;

/** Versions of overwritten files and the trash, as a person uses them in their own space. */
@IntegrationTest
class FileHistoryTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PersonalSpaces spaces;

	@Autowired
	FileHistory history;

	@Autowired
	StorageQuotas quotas;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	SchulhausUser teacher;

	@BeforeEach
	void teacher() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Verlauf-Schule");
		teacher = users.load(t.createUser(school, "Vera", "Verlauf", "TEACHER", "Kompass-Laterne-Quitte-2026", null).login()).orElseThrow();
	}

	@Test
	void everyOverwriteKeepsTheOldContentAndAVersionCanBeRestored() throws Exception {
		SpaceFiles files = spaces.of(teacher);
		DavPath plan = path("Plan.txt");
		put(files, plan, "eins");
		put(files, plan, "zwei");
		put(files, plan, "drei");

		List<SpaceFiles.FileVersion> versions = files.versions(plan);
		assertThat(versions).hasSize(2);
		assertThat(text(files.readVersion(plan, versions.get(0).id(), 0, Long.MAX_VALUE))).isEqualTo("zwei");
		assertThat(text(files.readVersion(plan, versions.get(1).id(), 0, Long.MAX_VALUE))).isEqualTo("eins");
		assertThat(versions.get(1).modifiedBy()).isEqualTo(teacher.accountId());
		// versions count against the space: 4 + 4 + 4 bytes
		assertThat(quotas.usageOfPerson(teacher.schoolId(), teacher.accountId()).usedBytes()).isEqualTo(12);

		files.restoreVersion(plan, versions.get(1).id());
		assertThat(read(spaces.of(teacher), plan)).isEqualTo("eins");
		assertThat(spaces.of(teacher).versions(plan)).extracting(SpaceFiles.FileVersion::size).containsExactlyInAnyOrder(4L, 4L);
		List<String> kept = spaces.of(teacher).versions(plan).stream()
			.map(v -> text(spaces.of(teacher).readVersion(plan, v.id(), 0, Long.MAX_VALUE))).toList();
		assertThat(kept).containsExactlyInAnyOrder("drei", "zwei");
		assertThatThrownBy(() -> spaces.of(teacher).readVersion(plan, java.util.UUID.randomUUID(), 0, 1))
			.isInstanceOfSatisfying(DavException.class, e -> assertThat(e.status()).isEqualTo(404));
	}

	@Test
	void oldVersionsBeyondTheKeptNumberArePruned() {
		SpaceFiles files = spaces.of(teacher);
		DavPath note = path("Notiz.txt");
		for (int i = 0; i < 24; i++) {
			put(files, note, "Stand " + i);
		}
		// all 23 earlier versions are younger than 30 days: all stay
		assertThat(files.versions(note)).hasSize(23);
		jdbc.sql("update file_version set replaced_at = :old").param("old", Instant.now().minus(40, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
			.update();
		put(files, note, "Stand 24");
		List<SpaceFiles.FileVersion> left = spaces.of(teacher).versions(note);
		// the newest 20 stay, however old; the fresh one among them
		assertThat(left).hasSize(20);
		assertThat(text(spaces.of(teacher).readVersion(note, left.get(0).id(), 0, Long.MAX_VALUE))).isEqualTo("Stand 23");
		// "Stand 4" … "Stand 9" (7 bytes each), "Stand 10" … "Stand 23" (8 bytes) and the current "Stand 24"
		assertThat(quotas.usageOfPerson(teacher.schoolId(), teacher.accountId()).usedBytes()).isEqualTo(6 * 7 + 14 * 8 + 8);
	}

	@Test
	void deletedThingsGoToTheTrashAndComeBackWhereTheyWere() {
		SpaceFiles files = spaces.of(teacher);
		files.createCollection(path("Unterricht"));
		files.createCollection(path("Unterricht", "Mathe"));
		put(files, path("Unterricht", "Mathe", "Bruch.txt"), "1/2");
		put(files, path("Unterricht", "Liste.txt"), "Namen");

		files.delete(files.find(path("Unterricht", "Mathe")).orElseThrow());
		assertThat(spaces.of(teacher).find(path("Unterricht", "Mathe"))).isEmpty();
		List<SpaceFiles.TrashItem> trash = spaces.of(teacher).trash();
		assertThat(trash).extracting(SpaceFiles.TrashItem::name).containsExactly("Mathe");
		assertThat(trash.get(0).deletedBy()).isEqualTo(teacher.accountId());

		assertThat(spaces.of(teacher).restore(trash.get(0).id())).isEqualTo(path("Unterricht", "Mathe"));
		assertThat(read(spaces.of(teacher), path("Unterricht", "Mathe", "Bruch.txt"))).isEqualTo("1/2");
		assertThat(spaces.of(teacher).trash()).isEmpty();

		// its folder went to the trash after it: the file comes back at the top
		SpaceFiles again = spaces.of(teacher);
		again.delete(again.find(path("Unterricht", "Liste.txt")).orElseThrow());
		again.delete(again.find(path("Unterricht")).orElseThrow());
		SpaceFiles.TrashItem list = spaces.of(teacher).trash().stream().filter(t -> t.name().equals("Liste.txt")).findFirst().orElseThrow();
		put(spaces.of(teacher), path("Liste.txt"), "neu");
		assertThat(spaces.of(teacher).restore(list.id())).isEqualTo(path("Liste (2).txt"));
		assertThat(read(spaces.of(teacher), path("Liste (2).txt"))).isEqualTo("Namen");
		assertThat(read(spaces.of(teacher), path("Liste.txt"))).isEqualTo("neu");
	}

	@Test
	void purgingFreesTheSpaceAndTheSweepPurgesWhatIsOlderThanThirtyDays() {
		SpaceFiles files = spaces.of(teacher);
		put(files, path("alt.txt"), "alt-alt");
		put(files, path("alt.txt"), "alt");
		put(files, path("neu.txt"), "neu");
		put(files, path("weg.txt"), "weg");
		files.delete(files.find(path("alt.txt")).orElseThrow());
		files.delete(files.find(path("neu.txt")).orElseThrow());
		files.delete(files.find(path("weg.txt")).orElseThrow());
		assertThat(usage()).isEqualTo(7 + 3 + 3 + 3);

		SpaceFiles.TrashItem weg = spaces.of(teacher).trash().stream().filter(t -> t.name().equals("weg.txt")).findFirst().orElseThrow();
		spaces.of(teacher).purge(weg.id());
		assertThat(usage()).isEqualTo(7 + 3 + 3);
		assertThatThrownBy(() -> spaces.of(teacher).restore(weg.id()))
			.isInstanceOfSatisfying(DavException.class, e -> assertThat(e.status()).isEqualTo(404));

		jdbc.sql("update file_node set trashed_at = :old where name = 'alt.txt' and owner_id = :owner")
			.param("old", Instant.now().minus(31, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)).param("owner", teacher.accountId()).update();
		history.sweep();
		assertThat(spaces.of(teacher).trash()).extracting(SpaceFiles.TrashItem::name).containsExactly("neu.txt");
		// the file and its version are gone with their content
		assertThat(usage()).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from file_version where school_id = :school").param("school", teacher.schoolId())
			.query(Long.class).single()).isZero();
	}

	private long usage() {
		return quotas.usageOfPerson(teacher.schoolId(), teacher.accountId()).usedBytes();
	}

	private static DavPath path(String... names) {
		return new DavPath(List.of(names));
	}

	private static DavResource put(SpaceFiles files, DavPath path, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return files.write(path, new ByteArrayInputStream(bytes), "text/plain", bytes.length);
	}

	private static String read(SpaceFiles files, DavPath path) {
		return text(files.read(files.find(path).orElseThrow(), 0, Long.MAX_VALUE));
	}

	private static String text(InputStream in) {
		try (in) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
