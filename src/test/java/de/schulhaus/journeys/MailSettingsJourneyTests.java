package de.schulhaus.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.samstevens.totp.code.DefaultCodeGenerator;

import de.schulhaus.TestSchools;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.mail.internal.ListPolicy;
import de.schulhaus.mail.lists.MailLists;

/**
 * A class teacher going on a class trip switches on her absence note, then lets the whole school write to
 * her class's list; both pages pass axe at desktop and phone width.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MailSettingsJourneyTests {

	private static final String PASSWORD = "Kompass-Laterne-Quitte-2026";

	@LocalServerPort
	int port;

	@Autowired
	GroupManagement groups;

	@Autowired
	MailLists lists;

	@Autowired
	AccountUserDetailsService users;

	@Test
	void aClassTeacherSwitchesOnHerAbsenceNoteAndOpensHerClassListToTheSchool() throws Exception {
		String school = createSchool();
		UUID schoolId = UUID.fromString(school);
		String admin = createUser(school, "Anja", "Admin", "SCHOOL_ADMIN", null);
		String teacher = createUser(school, "Klara", "Klasse", "TEACHER", "6b");
		UUID sixB = groups.list(schoolId).stream().filter(g -> g.name().equals("6b")).findFirst().orElseThrow().id();
		groups.addMember(schoolId, sixB, users.load(teacher).orElseThrow().accountId(), true, users.load(admin).orElseThrow());
		await().atMost(Duration.ofSeconds(20)).until(() -> lists.find(schoolId, sixB).isPresent());

		try (Browser b = Browser.open(port)) {
			b.signIn(teacher, PASSWORD);

			b.go("/mail/einstellungen");
			assertThat(b.find("h1").getText()).isEqualTo("E-Mail-Einstellungen");
			b.checkAccessibility();
			b.find("input[name=enabled]").click();
			b.type("#absence-subject", "Auf Klassenfahrt");
			b.type("#absence-body", "Ich bin bis Freitag mit der 6b in Xanten. In dringenden Fällen: sekretariat@.");
			b.click("#abwesenheit button[type=submit]");
			assertThat(b.find(".toast").getText()).isEqualTo("Die Abwesenheitsnotiz ist eingeschaltet.");
			assertThat(b.find("#absence-body").getText()).startsWith("Ich bin bis Freitag");
			b.screenshot("mail-settings");

			b.click("#verteiler a");
			assertThat(b.find("h1").getText()).isEqualTo("Verteiler der Gruppe 6b");
			assertThat(b.find("main code").getText()).startsWith("6b@");
			b.checkAccessibility();
			b.find("input[name=policy][value=school]").click();
			b.click("main form button[type=submit]");
			assertThat(b.find(".toast").getText()).isEqualTo("Die Einstellung des Verteilers wurde gespeichert.");
			assertThat(b.find("input[name=policy][value=school]").isSelected()).isTrue();
			b.screenshot("mail-list");
		}
		assertThat(lists.find(schoolId, sixB).orElseThrow().policy()).isEqualTo(ListPolicy.SCHOOL);
	}

	/** The school admin makes the office's mailbox, names who shares it, gives an alias and looks at the rules. */
	@Test
	void theSchoolAdminMakesTheOfficesMailboxAndGivesATeacherAFurtherAddress() throws Exception {
		String school = createSchool();
		String admin = createUser(school, "Anja", "Admin", "SCHOOL_ADMIN", null);
		String teacher = createUser(school, "Sven", "Sekretär", "STAFF", null);
		String domain = admin.substring(admin.indexOf('@') + 1);

		try (Browser b = Browser.open(port)) {
			b.go("/anmelden");
			b.submitSignIn(admin, PASSWORD);
			assertThat(b.awaitPath(p -> p.startsWith("/konto/zwei-faktor"))).startsWith("/konto/zwei-faktor");
			String secret = b.find("#totp-secret").getText();
			b.type("#code", new DefaultCodeGenerator().generate(secret, Math.floorDiv(System.currentTimeMillis() / 1000, 30)));
			b.click("main form button[type=submit]");
			b.click("main a.button");

			b.go("/verwaltung/mail");
			assertThat(b.find("h1").getText()).isEqualTo("E-Mail-Adressen");
			b.checkAccessibility();
			b.type("#function-local", "sekretariat");
			b.type("#function-name", "Sekretariat");
			b.click("#funktionen button[type=submit]");
			assertThat(b.find("main .lead code").getText()).isEqualTo("sekretariat@" + domain);
			b.type("#member-login", teacher);
			b.click("main form.filters button[type=submit]");
			assertThat(b.find("main table").getText()).contains("Sven Sekretär");
			b.checkAccessibility();
			b.screenshot("mail-admin-function");

			b.go("/verwaltung/mail");
			b.type("#alias-login", teacher);
			b.type("#alias-address", "sekretariat");
			b.click("#aliase button[type=submit]");
			// the address is the office's: a clear refusal next to the form, nothing given
			assertThat(b.find(".alert.error").getText()).contains("sekretariat@" + domain).contains("Funktionspostfach");
			b.type("#alias-address", "poststelle");
			b.click("#aliase button[type=submit]");
			assertThat(b.find("#aliase table").getText()).contains("poststelle@" + domain).contains("Sven Sekretär");
			b.checkAccessibility();
			b.screenshot("mail-admin");

			b.go("/verwaltung/mail/richtlinien");
			b.checkAccessibility();
			b.screenshot("mail-admin-policy");
		}
	}

	private String createSchool() throws Exception {
		return new OperatorApi(port).post("/api/v1/schools", "{\"name\":\"Realschule Am Deich\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber()
				+ "\",\"type\":\"REALSCHULE\"}", "$.id");
	}

	private String createUser(String school, String first, String last, String role, String group) throws Exception {
		String groups = group == null ? "" : ",\"groups\":[\"" + group + "\"]";
		return new OperatorApi(port).post("/api/v1/schools/" + school + "/users", "{\"firstName\":\"" + first + "\",\"lastName\":\"" + last
				+ "\",\"role\":\"" + role + "\",\"password\":\"" + PASSWORD + "\"" + groups + "}", "$.login");
	}
}
