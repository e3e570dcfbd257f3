package de.schulhaus.accounts.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.blobs.BlobStore;
import de.schulhaus.blobs.QuotaExceededException;

/** Quotas as a person and their admin see them, and the ledger that keeps them exact under concurrent uploads. */
@IntegrationTest
class StorageQuotasTests {

	private static final long MB = 1024 * 1024;

	@Autowired
	MockMvc mvc;

	@Autowired
	StorageQuotas quotas;

	@Autowired
	BlobStore blobs;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	private UUID upload(BlobOwner space, int bytes, long limit) {
		var staged = blobs.stage(new ByteArrayInputStream(new byte[bytes]));
		try {
			return transactions.execute(tx -> blobs.attach(staged, space, limit));
		}
		catch (RuntimeException e) {
			blobs.discard(staged);
			throw e;
		}
	}

	@Test
	void anAdminGivesAGroupSpaceItsOwnQuotaAndSeesHowFullItIs() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Gruppen-Speicher-Schule");
		t.createUser(school, "Gina", "Gruppe", "PUPIL", null, "8b");
		var admin = t.createUser(school, "Adam", "Admin", "SCHOOL_ADMIN", null, null);
		var adminUser = users.load(admin.login()).orElseThrow().withTwoFactor(true).withPasswordChanged();
		String groups = mvc.perform(get("/api/v1/schools/" + school.id() + "/groups").header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN))
			.andReturn().getResponse().getContentAsString();
		UUID group = UUID.fromString(com.jayway.jsonpath.JsonPath.read(groups, "$[0].id"));
		BlobOwner space = BlobOwner.group(school.id(), group);
		// the school's default for groups until the admin sets one
		assertThat(quotas.limitBytes(space)).isEqualTo(de.schulhaus.schools.Quotas.DEFAULTS.groupFilesMb() * MB);
		assertThat(mvc.perform(get("/verwaltung/gruppen/" + group).with(user(adminUser))).andReturn().getResponse().getContentAsString(
				java.nio.charset.StandardCharsets.UTF_8)).contains("Vorgabe der Schule für Gruppen");

		mvc.perform(post("/verwaltung/gruppen/" + group + "/speicher").with(user(adminUser)).with(csrf()).param("filesQuotaMb", "2"))
			.andExpect(redirectedUrl("/verwaltung/gruppen/" + group + "#speicher"));
		assertThat(quotas.limitBytes(space)).isEqualTo(2 * MB);
		upload(space, 1024 * 1024, quotas.limitBytes(space));
		String page = mvc.perform(get("/verwaltung/gruppen/" + group).with(user(adminUser))).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(page).contains("Speicher des Gruppenbereichs").contains("value=\"2\"").contains("von 2 MB belegt");

		// another school's group is not found, and nothing changes
		var other = t.createSchool("Andere-Gruppen-Schule");
		var otherAdmin = users.load(t.createUser(other, "Olga", "Admin", "SCHOOL_ADMIN", null, null).login()).orElseThrow()
			.withTwoFactor(true).withPasswordChanged();
		assertThat(mvc.perform(post("/verwaltung/gruppen/" + group + "/speicher").with(user(otherAdmin)).with(csrf()).param("filesQuotaMb", "1"))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(quotas.limitBytes(space)).isEqualTo(2 * MB);
	}

	@Test
	void aQuotaChangedHereAppliesAtOnceAndOneChangedOnAnotherNodeWithinASecond() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Knoten-Speicher-Schule");
		var pupil = t.createUser(school, "Kai", "Knoten", "PUPIL", null, null);
		var operator = users.load("operator@schulhaus.local").orElseThrow();
		BlobOwner space = BlobOwner.account(school.id(), pupil.id());
		long before = quotas.limitBytes(space);

		quotas.setPersonal(school.id(), pupil.id(), 3L, null, operator);
		assertThat(quotas.limitBytes(space)).as("changed on this node: the next upload's limit").isEqualTo(3 * MB);
		quotas.setPersonal(school.id(), pupil.id(), null, null, operator);
		assertThat(quotas.limitBytes(space)).as("back to the school's default for pupils").isEqualTo(before);

		// what another node writes when the admin gives the pupil 2 MB there: this node's code is not told
		long changed = System.nanoTime();
		jdbc.sql("update account set files_quota_mb = 2 where id = :id").param("id", pupil.id()).update();
		long seenAfter = -1;
		while (System.nanoTime() - changed < 3_000_000_000L) {
			if (quotas.limitBytes(space) == 2 * MB) {
				seenAfter = System.nanoTime() - changed;
				break;
			}
			Thread.sleep(20);
		}
		assertThat(seenAfter).as("the new limit, within the second a read is trusted").isBetween(0L, 1_200_000_000L);
	}

	@Test
	void uploadsCountUntilThePersonalQuotaIsFullAndDeletesGiveSpaceBack() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Speicher-Schule");
		var pupil = t.createUser(school, "Paul", "Platz", "PUPIL", null, null);
		var admin = t.createUser(school, "Alma", "Admin", "SCHOOL_ADMIN", null, null);
		var adminUser = users.load(admin.login()).orElseThrow().withTwoFactor(true).withPasswordChanged();
		mvc.perform(post("/verwaltung/personen/" + pupil.id() + "/speicher").with(user(adminUser)).with(csrf()).param("filesQuotaMb", "1"))
			.andExpect(redirectedUrl("/verwaltung/personen/" + pupil.id() + "#speicher"));
		BlobOwner space = BlobOwner.account(school.id(), pupil.id());
		long limit = quotas.limitBytes(space);
		assertThat(limit).isEqualTo(MB);
		assertThat(quotas.mayAdd(space, 600 * 1024)).isTrue();

		UUID first = upload(space, 600 * 1024, limit);
		assertThat(quotas.usage(space).usedBytes()).isEqualTo(600 * 1024);
		assertThat(quotas.mayAdd(space, 600 * 1024)).as("asked before the upload starts").isFalse();
		assertThatThrownBy(() -> upload(space, 600 * 1024, limit)).isInstanceOf(QuotaExceededException.class);
		assertThat(quotas.usage(space).usedBytes()).as("nothing of the refused upload counts").isEqualTo(600 * 1024);

		transactions.executeWithoutResult(tx -> blobs.delete(first));
		assertThat(quotas.usage(space).usedBytes()).isZero();
		upload(space, 600 * 1024, limit);

		var pupilUser = users.load(pupil.login()).orElseThrow().withPasswordChanged();
		mvc.perform(get("/konto").with(user(pupilUser))).andExpect(content().string(containsString("1 MB von 1 MB belegt")));
		mvc.perform(get("/verwaltung/personen").with(user(adminUser))).andExpect(content().string(containsString("1 MB von 1 MB belegt")));
	}

	@Test
	void twoUploadsRacingForTheLastSpaceNeverBothGetIn() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Wettlauf-Schule");
		var teacher = t.createUser(school, "Tim", "Takt", "TEACHER", null, null);
		BlobOwner space = BlobOwner.account(school.id(), teacher.id());
		long limit = 10 * MB;
		int uploads = 8;
		var pool = Executors.newFixedThreadPool(uploads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> results = new ArrayList<>();
		for (int i = 0; i < uploads; i++) {
			results.add(pool.submit((Callable<Boolean>) () -> {
				start.await();
				try {
					upload(space, 3 * 1024 * 1024, limit);
					return true;
				}
				catch (QuotaExceededException e) {
					return false;
				}
			}));
		}
		start.countDown();
		int stored = 0;
		for (var r : results) {
			stored += r.get() ? 1 : 0;
		}
		pool.shutdown();
		assertThat(stored).as("three of 3 MB fit into 10 MB, a fourth does not").isEqualTo(3);
		assertThat(quotas.usage(space).usedBytes()).isEqualTo(9 * MB).isLessThanOrEqualTo(limit);
	}

	@Test
	void theSchoolAdminSetsEachRolesQuota() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Rollen-Speicher-Schule");
		var admin = t.createUser(school, "Rita", "Rolle", "SCHOOL_ADMIN", null, null);
		var staff = t.createUser(school, "Sekretariat", "Schule", "STAFF", null, null);
		var adminUser = users.load(admin.login()).orElseThrow().withTwoFactor(true).withPasswordChanged();
		mvc.perform(get("/verwaltung/speicher").with(user(adminUser))).andExpect(content().string(containsString("Personal: Dateien je Person (MB)")));
		mvc.perform(post("/verwaltung/speicher").with(user(adminUser)).with(csrf()).param("teacherFilesMb", "4096")
			.param("teacherMailMb", "1024").param("pupilFilesMb", "512").param("pupilMailMb", "256").param("staffFilesMb", "2048")
			.param("staffMailMb", "2048").param("adminFilesMb", "1024").param("adminMailMb", "1024").param("groupFilesMb", "8192")
			.param("schoolFilesMb", "20480").param("officeFilesMb", "3072"))
			.andExpect(redirectedUrl("/verwaltung/speicher"));
		assertThat(quotas.limitBytes(BlobOwner.account(school.id(), staff.id()))).isEqualTo(2048 * MB);
		assertThat(quotas.limitBytes(BlobOwner.group(school.id(), UUID.randomUUID()))).isEqualTo(8192 * MB);
		assertThat(quotas.limitBytes(BlobOwner.schoolSpace(school.id()))).isEqualTo(20480 * MB);
		assertThat(quotas.limitBytes(BlobOwner.officeSpace(school.id()))).isEqualTo(3072 * MB);
	}
}
