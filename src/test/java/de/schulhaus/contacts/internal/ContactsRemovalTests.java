package de.schulhaus.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.PersonalData;
import de.schulhaus.schools.SchoolDeleted;

/** A person's contacts are in their data export as their program sent them, and go with the account, the erasure or the school. */
@IntegrationTest
class ContactsRemovalTests {

	private static final String CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:%s\r\nFN:%s\r\nN:%s;;;;\r\nEND:VCARD\r\n";

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	PersonalData personalData;

	@Autowired
	ContactsPersonalData contacts;

	@Autowired
	ContactsRemoval removal;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Test
	void exportedAsSentAndErasedWithTheAccount() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Kontakte-Export-Schule");
		var teacher = t.createUser(school, "Erika", "Export", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var person = users.load(teacher.login()).orElseThrow();
		put(teacher, "kontakte/a.vcf", CARD.formatted("a@x", "Anton Amsel", "Amsel"));
		put(teacher, "kontakte/b.vcf", CARD.formatted("b@x", "Berta Buche", "Buche"));

		DataSubject subject = new DataSubject(teacher.id(), school.id(), teacher.login(), "Erika Export", Locale.GERMAN, Instant.EPOCH);
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		personalData.export(subject, person, zip);
		Map<String, String> entries = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(entries.get("kontakte/kontakte.vcf")).isEqualTo(CARD.formatted("a@x", "Anton Amsel", "Amsel") + CARD.formatted("b@x", "Berta Buche", "Buche"));

		var erasure = tx.execute(status -> contacts.erase(subject, person));
		assertThat(erasure.erased()).hasSize(1);
		assertThat(cards(school.id(), teacher.id())).isZero();
		assertThat(get(teacher, "kontakte/a.vcf")).isEqualTo(404);
	}

	@Test
	void aDeletedAccountsAndADeletedSchoolsAddressBooksGo() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Kontakte-Lösch-Schule");
		var anna = t.createUser(school, "Anna", "Alt", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var bert = t.createUser(school, "Bert", "Bleibt", "TEACHER", "Kompass-Laterne-Quitte-2027", null);
		put(anna, "kontakte/a.vcf", CARD.formatted("a@x", "Anton Amsel", "Amsel"));
		put(bert, "kontakte/b.vcf", CARD.formatted("b@x", "Berta Buche", "Buche"));
		// both synced the directory: they see the same, so they share one snapshot
		syncDirectory(anna);
		syncDirectory(bert);
		assertThat(count("select count(*) from contact_directory_token where school_id = :school", school.id())).isEqualTo(2);
		assertThat(count("select count(*) from contact_directory_snapshot where school_id = :school", school.id())).isEqualTo(1);

		removal.on(new AccountsChanged(school.id(), List.of(new AccountsChanged.Change(
				AccountsChanged.Kind.DELETED, anna.id(), anna.login(), "Anna", "Alt", null, null))));
		await().atMost(Duration.ofSeconds(20)).until(() -> cards(school.id(), anna.id()) == 0);
		assertThat(cards(school.id(), bert.id())).isEqualTo(1);
		assertThat(jdbc.sql("select account_id from contact_directory_token where school_id = :school").param("school", school.id())
			.query(UUID.class).list()).containsExactly(bert.id());
		assertThat(count("select count(*) from contact_directory_snapshot where school_id = :school", school.id())).isEqualTo(1);

		removal.on(new SchoolDeleted(school.id(), school.number()));
		await().atMost(Duration.ofSeconds(20)).until(() -> cards(school.id(), bert.id()) == 0);
		assertThat(jdbc.sql("select count(*) from contact_book where school_id = :school").param("school", school.id()).query(Long.class).single())
			.isZero();
		assertThat(count("select count(*) from contact_directory_token where school_id = :school", school.id())).isZero();
		assertThat(count("select count(*) from contact_directory_snapshot where school_id = :school", school.id())).isZero();
	}

	private long count(String sql, UUID school) {
		return jdbc.sql(sql).param("school", school).query(Long.class).single();
	}

	private void syncDirectory(TestSchools.UserRef user) throws Exception {
		assertThat(mvc.perform(request(HttpMethod.valueOf("REPORT"), "/carddav/" + user.login() + "/schule/").contentType("application/xml")
			.content("<D:sync-collection xmlns:D=\"DAV:\"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>")
			.with(httpBasic(user.login(), secret(user)))).andReturn().getResponse().getStatus()).isEqualTo(207);
	}

	private final Map<String, String> secrets = new HashMap<>();

	private String secret(TestSchools.UserRef user) {
		return secrets.computeIfAbsent(user.login(),
				login -> credentials.createAppPassword(users.load(login).orElseThrow(), "x", Set.of(Scope.CALENDAR), null).secret());
	}

	private void put(TestSchools.UserRef user, String path, String card) throws Exception {
		assertThat(mvc.perform(request(HttpMethod.PUT, "/carddav/" + user.login() + "/" + path).contentType("text/vcard").content(card)
			.with(httpBasic(user.login(), secret(user)))).andReturn().getResponse().getStatus()).isEqualTo(201);
	}

	private int get(TestSchools.UserRef user, String path) throws Exception {
		return mvc.perform(request(HttpMethod.GET, "/carddav/" + user.login() + "/" + path).with(httpBasic(user.login(), secret(user)))).andReturn()
			.getResponse().getStatus();
	}

	private long cards(UUID school, UUID owner) {
		return jdbc.sql("select count(*) from contact_card c join contact_book b on b.id = c.book_id where b.school_id = :school and b.owner_id = :owner")
			.param("school", school).param("owner", owner).query(Long.class).single();
	}
}
