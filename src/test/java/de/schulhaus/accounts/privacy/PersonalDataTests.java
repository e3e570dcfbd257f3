package de.schulhaus.accounts.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.TestSchools.SchoolRef;
import de.schulhaus.TestSchools.UserRef;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.LaterModulePersonalData;
import de.schulhaus.platform.PersonalData.ErasureReport;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.SecretBox;

/**
 * Auskunft and Löschung: the export is one ZIP with every module's section, JSON and original
 * files and a description, and never a secret; erasure needs a deactivated account and the typed
 * address, reaches every module and says what stays; another school's person answers 404; both
 * are in the audit log.
 */
@IntegrationTest
class PersonalDataTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	GroupManagement groups;

	@Autowired
	AccountManagement accounts;

	@Autowired
	AccountRepository accountRepository;

	@Autowired
	SecretBox secretBox;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LaterModulePersonalData laterModule;

	SchoolRef school;
	UserRef admin;
	UserRef pupil;

	@BeforeEach
	void schoolWithAdminAndPupil() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		school = schools.createSchool("Datenschutz-Schule");
		admin = schools.createUser(school, "Dora", "Datenschutz", "SCHOOL_ADMIN", "admin-laterne-quitte-ds", null);
		pupil = schools.createUser(school, "Paula", "Privat", "PUPIL", "pupil-laterne-quitte-ds", "5a");
	}

	@Test
	void exportIsOneZipWithEverySectionAndNoSecret() throws Exception {
		var course = groups.create(school.id(), "Bio-GK", GroupKind.COURSE, null, signedIn(admin));
		groups.addMember(school.id(), course.id(), pupil.id(), false, signedIn(admin));
		var appPassword = credentials.createAppPassword(signedIn(pupil), "Handy", Set.of(Scope.FILES, Scope.MAIL), null);
		var token = credentials.createToken(pupil.id(), school.id(), "Skript", null, null);
		accountRepository.updateTotp(pupil.id(), secretBox.seal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ", "totp:" + pupil.id()), true, null);
		mvc.perform(post("/anmelden").with(csrf()).param("login", pupil.login()).param("password", "wrong-password-1234")
			.with(from("203.0.113.7")));

		var response = mvc.perform(post("/verwaltung/personen/" + pupil.id() + "/datenexport").with(user(signedIn(admin))).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/zip"))
			.andExpect(header().string("Content-Disposition", Matchers.startsWith("attachment; filename=\"datenexport-paula.privat")))
			.andReturn().getResponse();
		byte[] zip = response.getContentAsByteArray();
		Map<String, byte[]> entries = unzip(zip);

		assertThat(entries.keySet()).containsExactly("konto/konto.json", "dateien/dateien.json", "kalender/kalender.json", "mail/postfach.json", "chat/nachrichten.json", "spaeter/notizen.json", "spaeter/dateien/Referat_ Bienen_.txt",
				"protokoll/protokoll.json", "manifest.json", "LIESMICH.txt");

		String account = text(entries, "konto/konto.json");
		assertThat((String) JsonPath.read(account, "$.account.login")).isEqualTo(pupil.login());
		assertThat((String) JsonPath.read(account, "$.account.firstName")).isEqualTo("Paula");
		assertThat((String) JsonPath.read(account, "$.account.role")).isEqualTo("PUPIL");
		assertThat((String) JsonPath.read(account, "$.account.status")).isEqualTo("ACTIVE");
		assertThat((String) JsonPath.read(account, "$.account.createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		assertThat((Boolean) JsonPath.read(account, "$.account.twoFactorEnabled")).isTrue();
		assertThat((List<String>) JsonPath.read(account, "$.groups[*].group")).containsExactlyInAnyOrder("5a", "Bio-GK");
		assertThat((List<String>) JsonPath.read(account, "$.groups[*].kind")).containsExactlyInAnyOrder("CLASS", "COURSE");
		assertThat((String) JsonPath.read(account, "$.appPasswords[0].label")).isEqualTo("Handy");
		assertThat((List<String>) JsonPath.read(account, "$.appPasswords[0].scopes")).containsExactly("files", "mail");
		assertThat((String) JsonPath.read(account, "$.accessTokens[0].label")).isEqualTo("Skript");

		String log = text(entries, "protokoll/protokoll.json");
		List<Map<String, Object>> failed = JsonPath.read(log, "$.entries[?(@.action == 'sign-in.failed')]");
		assertThat(failed).singleElement().satisfies(e -> {
			assertThat(e.get("byYou")).isEqualTo(true);
			assertThat(e.get("address")).isEqualTo("203.0.113.7");
			assertThat(e.get("actionText")).isEqualTo("Fehlgeschlagene Anmeldung");
		});
		List<Map<String, Object>> added = JsonPath.read(log, "$.entries[?(@.action == 'group.member.added')]");
		assertThat(added).singleElement().satisfies(e -> {
			assertThat(e.get("byYou")).as("the admin acted").isEqualTo(false);
			assertThat(e.get("address")).isNull();
			assertThat(e.get("target")).isEqualTo("Bio-GK");
		});
		assertThat((Integer) JsonPath.read(log, "$.retentionDays")).isEqualTo(730);

		String later = text(entries, "spaeter/notizen.json");
		assertThat((String) JsonPath.read(later, "$.owner")).isEqualTo(pupil.login());
		assertThat(text(entries, "spaeter/dateien/Referat_ Bienen_.txt")).isEqualTo(LaterModulePersonalData.ORIGINAL);

		String manifest = text(entries, "manifest.json");
		assertThat((List<String>) JsonPath.read(manifest, "$.sections[*].section")).containsExactly("konto", "dateien", "kalender", "kontakte", "mail", "chat", "push", "spaeter", "protokoll");
		assertThat((String) JsonPath.read(manifest, "$.sections[0].files[0].sha256")).isEqualTo(sha256(entries.get("konto/konto.json")));
		assertThat((String) JsonPath.read(manifest, "$.person.login")).isEqualTo(pupil.login());
		String readme = text(entries, "LIESMICH.txt");
		assertThat(readme).contains("Datenexport aus Schulhaus", "Paula Privat (" + pupil.login() + ")", "Konto (konto/)",
				"konto/konto.json: Ihr Konto:", "protokoll/protokoll.json: Protokolleinträge über Sie", "spaeter/dateien/Referat_ Bienen_.txt");

		List<String> secrets = new ArrayList<>(List.of(appPassword.secret(), token.secret(), "$argon2", "JBSWY3DPEHPK3PXP", admin.login()));
		secrets.addAll(jdbc.sql("select secret_hash from app_password where account_id = :a").param("a", pupil.id()).query(String.class).list());
		secrets.addAll(jdbc.sql("select token_hash from access_token where account_id = :a").param("a", pupil.id()).query(String.class).list());
		secrets.add(jdbc.sql("select password_hash from account where id = :a").param("a", pupil.id()).query(String.class).single());
		secrets.add(jdbc.sql("select totp_secret from account where id = :a").param("a", pupil.id()).query(String.class).single());
		assertThat(secrets).hasSize(9).doesNotContainNull();
		String everything = new String(zip, StandardCharsets.ISO_8859_1) + String.join("\n", entries.values().stream()
			.map(b -> new String(b, StandardCharsets.UTF_8)).toList());
		for (String secret : secrets) {
			assertThat(everything).as("the export holds no secret, hash or other person's address").doesNotContain(secret.strip());
		}

		assertThat(audit.recent(school.id(), 20)).anySatisfy(e -> {
			assertThat(e.action()).isEqualTo("personal-data.exported");
			assertThat(e.actor()).isEqualTo(admin.login());
			assertThat(e.target()).isEqualTo(pupil.login());
		});
	}

	@Test
	void aPersonDownloadsTheirOwnDataFromTheirAccountPage() throws Exception {
		mvc.perform(get("/konto").with(user(signedIn(pupil)))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("Datenexport herunterladen (ZIP)")));
		byte[] zip = mvc.perform(post("/konto/datenexport").with(user(signedIn(pupil))).with(csrf()))
			.andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/zip"))
			.andReturn().getResponse().getContentAsByteArray();
		assertThat((String) JsonPath.read(text(unzip(zip), "konto/konto.json"), "$.account.login")).isEqualTo(pupil.login());
		assertThat(audit.recent(school.id(), 20)).anySatisfy(e -> {
			assertThat(e.action()).isEqualTo("personal-data.exported");
			assertThat(e.actor()).isEqualTo(pupil.login());
			assertThat(e.details()).startsWith("self");
		});
		mvc.perform(post("/konto/datenexport").with(user(signedIn(pupil)))).andExpect(status().isForbidden());
	}

	@Test
	void erasureIsRefusedWhileTheAccountIsActive() throws Exception {
		mvc.perform(get("/verwaltung/personen/" + pupil.id()).with(user(signedIn(admin)))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("Deaktivieren Sie das Konto zuerst")))
			.andExpect(content().string(Matchers.not(Matchers.containsString("/loeschung"))));
		mvc.perform(post("/verwaltung/personen/" + pupil.id() + "/loeschung").with(user(signedIn(admin))).with(csrf())
				.param("confirm", pupil.login()))
			.andExpect(redirectedUrl("/verwaltung/personen/" + pupil.id()))
			.andExpect(flash().attribute("toast", "personalData.error.active"));
		assertThat(accounts.find(school.id(), pupil.id())).isPresent();
		assertThat(laterModule.erased(pupil.id())).isFalse();
	}

	@Test
	void erasureIsRefusedWithoutTheTypedAddress() throws Exception {
		accounts.setStatus(school.id(), pupil.id(), AccountStatus.DEACTIVATED, signedIn(admin));
		mvc.perform(get("/verwaltung/personen/" + pupil.id()).with(user(signedIn(admin)))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("/verwaltung/personen/" + pupil.id() + "/loeschung")));
		for (String confirm : new String[] { null, "", "someone.else@" + school.domain() }) {
			var request = post("/verwaltung/personen/" + pupil.id() + "/loeschung").with(user(signedIn(admin))).with(csrf());
			if (confirm != null) {
				request.param("confirm", confirm);
			}
			mvc.perform(request).andExpect(redirectedUrl("/verwaltung/personen/" + pupil.id()))
				.andExpect(flash().attribute("toast", "accounts.error.deleteConfirm"));
		}
		assertThat(accounts.find(school.id(), pupil.id())).isPresent();
		assertThat(laterModule.erased(pupil.id())).isFalse();
	}

	@Test
	void erasureOfADeactivatedPersonReachesEveryModuleAndSaysWhatIsKept() throws Exception {
		credentials.createAppPassword(signedIn(pupil), "Tablet", Set.of(Scope.FILES), null);
		accounts.setStatus(school.id(), pupil.id(), AccountStatus.DEACTIVATED, signedIn(admin));

		var result = mvc.perform(post("/verwaltung/personen/" + pupil.id() + "/loeschung").with(user(signedIn(admin))).with(csrf())
				.param("confirm", " " + pupil.login().toUpperCase() + " "))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("Löschung abgeschlossen")))
			.andExpect(content().string(Matchers.containsString("Protokolleinträge mit der Dienstadresse der Person")))
			.andExpect(content().string(Matchers.containsString("bis spätestens")))
			.andReturn();

		assertThat(accounts.find(school.id(), pupil.id())).isEmpty();
		assertThat(jdbc.sql("select count(*) from app_password where account_id = :a").param("a", pupil.id()).query(Long.class).single())
			.isZero();
		assertThat(laterModule.erased(pupil.id())).as("a module the platform does not know was asked too").isTrue();

		ErasureReport report = (ErasureReport) result.getModelAndView().getModel().get("report");
		assertThat(report.sections()).extracting(s -> s.section()).containsExactly("konto", "dateien", "kalender", "kontakte", "mail", "chat", "push", "spaeter", "protokoll");
		var account = report.sections().get(0).erasure();
		assertThat(account.erased()).isNotEmpty();
		assertThat(account.kept()).as("a person created by hand has no record elsewhere").isEmpty();
		var log = report.sections().stream().filter(s -> s.section().equals("protokoll")).findFirst().orElseThrow().erasure();
		assertThat(log.kept()).singleElement().satisfies(kept -> {
			assertThat(kept.what().getCodes()).containsExactly("personalData.audit.kept");
			assertThat(kept.until()).isBetween(Instant.now().plus(Duration.ofDays(729)), Instant.now().plus(Duration.ofDays(731)));
		});

		var entries = audit.recent(school.id(), 20);
		assertThat(entries).anySatisfy(e -> {
			assertThat(e.action()).isEqualTo("personal-data.erased");
			assertThat(e.actor()).isEqualTo(admin.login());
			assertThat(e.target()).isEqualTo(pupil.login());
			assertThat(e.details()).contains("kept: spaeter, protokoll");
		});
		assertThat(entries).anySatisfy(e -> assertThat(e.action() + " " + e.target()).isEqualTo("account.deleted " + pupil.login()));
	}

	@Test
	void erasureOfAnImportedPersonSaysTheRecordInTheSchoolSoftwareStays() throws Exception {
		byte[] csv = "Quell-Id;Nachname;Vorname;Klasse;Kontotyp\nX-77;Import;Ida;6b;Schüler*in\n".getBytes(StandardCharsets.UTF_8);
		mvc.perform(post("/api/v1/schools/" + school.id() + "/roster-imports?dryRun=false")
			.header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN).contentType("text/csv").content(csv))
			.andExpect(status().isOk());
		var imported = accounts.list(school.id(), "ida.import", null, 10, 0).get(0);
		accounts.setStatus(school.id(), imported.id(), AccountStatus.DEACTIVATED, signedIn(admin));

		mvc.perform(post("/verwaltung/personen/" + imported.id() + "/loeschung").with(user(signedIn(admin))).with(csrf())
				.param("confirm", imported.login()))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("Eintrag in der Schulverwaltungssoftware (Tabellenimport, Kennung X-77)")))
			.andExpect(content().string(Matchers.containsString("sonst legt der nächste Import sie neu an")));
		assertThat(accounts.find(school.id(), imported.id())).isEmpty();
	}

	@Test
	void anotherSchoolsPersonAnswersLikeAMissingOne() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		var other = schools.createSchool("Andere Schule");
		var otherAdmin = schools.createUser(other, "Otto", "Anders", "SCHOOL_ADMIN", "admin-laterne-quitte-an", null);
		accounts.setStatus(school.id(), pupil.id(), AccountStatus.DEACTIVATED, signedIn(admin));
		for (String path : List.of("/datenexport", "/loeschung")) {
			mvc.perform(post("/verwaltung/personen/" + pupil.id() + path).with(user(signedIn(otherAdmin))).with(csrf())
				.param("confirm", pupil.login())).andExpect(status().isNotFound());
			mvc.perform(post("/verwaltung/personen/" + java.util.UUID.randomUUID() + path).with(user(signedIn(otherAdmin))).with(csrf())
				.param("confirm", pupil.login())).andExpect(status().isNotFound());
		}
		mvc.perform(post("/verwaltung/personen/" + pupil.id() + "/datenexport").with(user(signedIn(pupil))).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(accounts.find(school.id(), pupil.id())).isPresent();
		assertThat(laterModule.erased(pupil.id())).isFalse();
	}

	private SchulhausUser signedIn(UserRef ref) {
		SchulhausUser u = users.load(ref.login()).orElseThrow();
		u.eraseCredentials();
		return u.withTwoFactor(u.role().requiresTwoFactor() || u.twoFactorEnabled());
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

	private static String text(Map<String, byte[]> entries, String name) {
		assertThat(entries).containsKey(name);
		return new String(entries.get(name), StandardCharsets.UTF_8);
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}
}
