package de.schulhaus.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.blobs.ResumableUploads;
import de.schulhaus.schools.SchoolDeleted;

/** What a deleted account or school held in its spaces goes: rows, properties, blobs. */
@IntegrationTest
class SpaceRemovalTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	SpaceRemoval removal;

	@Autowired
	FileNodes nodes;

	@Autowired
	FileWrites writes;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	de.schulhaus.accounts.GroupManagement groups;

	@Autowired
	de.schulhaus.accounts.security.AccountUserDetailsService users;

	@Autowired
	ResumableUploads uploads;

	@Test
	void aDeletedAccountsAndADeletedSchoolsFilesAreRemoved() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Lösch-Schule");
		var anna = t.createUser(school, "Anna", "Alt", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var bert = t.createUser(school, "Bert", "Bleibt", "TEACHER", "Kompass-Laterne-Quitte-2027", null);
		fill(school.id(), anna.id());
		fill(school.id(), bert.id());

		// the listeners run asynchronously, as the event registry delivers them
		removal.on(new AccountsChanged(school.id(), List.of(new AccountsChanged.Change(
				AccountsChanged.Kind.DELETED, anna.id(), anna.login(), "Anna", "Alt", null, null))));
		await().atMost(Duration.ofSeconds(20)).until(() -> count(school.id(), anna.id()) == 0);
		assertThat(count(school.id(), bert.id())).isEqualTo(4);

		removal.on(new SchoolDeleted(school.id(), school.number()));
		await().atMost(Duration.ofSeconds(20)).until(() -> count(school.id(), bert.id()) == 0);
		assertThat(jdbc.sql("select count(*) from stored_blob where school_id = :school").param("school", school.id()).query(Long.class)
			.single()).isZero();
	}

	@Test
	void aDeletedGroupsSpaceGoesWithItAndOthersStay() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Gruppen-Lösch-Schule");
		var teacher = t.createUser(school, "Greta", "Gruppe", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var actor = users.load(teacher.login()).orElseThrow();
		var gone = groups.create(school.id(), "Theater-AG", de.schulhaus.accounts.GroupKind.CUSTOM, null, actor);
		var stays = groups.create(school.id(), "Chor", de.schulhaus.accounts.GroupKind.CUSTOM, null, actor);
		fill(new Space(gone.id(), school.id(), SpaceKind.GROUP, "Theater-AG", "Theater-AG", true, true, teacher.id()));
		fill(new Space(stays.id(), school.id(), SpaceKind.GROUP, "Chor", "Chor", true, true, teacher.id()));

		groups.delete(school.id(), gone.id(), actor);

		await().atMost(Duration.ofSeconds(20)).until(() -> count(school.id(), gone.id()) == 0);
		assertThat(count(school.id(), stays.id())).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from stored_blob where owner_id = :group").param("group", gone.id()).query(Long.class)
			.single()).isZero();
	}

	private void fill(Space space) {
		FileNode root = nodes.root(space.schoolId(), space.id());
		writes.createFolder(space, root, "Ordner");
		FileNode folder = nodes.child(space.schoolId(), space.id(), root.id(), "Ordner").orElseThrow();
		writes.write(space, folder, "a.txt", new ByteArrayInputStream("a".getBytes()), "text/plain", 1);
	}

	private void fill(UUID school, UUID owner) {
		fill(FileWritesTests.own(school, owner));
		uploads.begin(BlobOwner.account(school, owner), 10, "{}"); // an upload still arriving
	}

	private long count(UUID school, UUID owner) {
		return jdbc.sql("select count(*) from file_node where school_id = :school and owner_id = :owner")
			.param("school", school).param("owner", owner).query(Long.class).single()
				+ jdbc.sql("select count(*) from blob_upload where school_id = :school and owner_id = :owner")
					.param("school", school).param("owner", owner).query(Long.class).single();
	}
}
