package de.schulhaus.platform;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/** Every page renders for the people who use it, in German by default and in English on request. */
@IntegrationTest
class WebPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	private SchulhausUser principal(String login, boolean twoFactor) {
		SchulhausUser u = users.load(login).orElseThrow();
		u.eraseCredentials();
		return u.withTwoFactor(twoFactor);
	}

	@Test
	void signInPageIsGermanWithStrictSecurityHeaders() throws Exception {
		mvc.perform(get("/anmelden"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("lang=\"de\"")))
			.andExpect(content().string(containsString("Dienstadresse")))
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
			.andExpect(header().string("X-Frame-Options", "DENY"));
		mvc.perform(get("/anmelden").header("Accept-Language", "en"))
			.andExpect(content().string(containsString("Service address")));
	}

	@Test
	void wrongPasswordSaysSoAndIsAudited() throws Exception {
		mvc.perform(post("/anmelden").with(csrf()).param("login", "nobody@example.org").param("password", "nope"))
			.andExpect(redirectedUrl("/anmelden?fehler"));
		mvc.perform(post("/anmelden").param("login", "nobody@example.org").param("password", "nope"))
			.andExpect(status().isForbidden());
	}

	@Test
	void pupilSeesDashboardWithGroupsAndOwnAccount() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Dashboard-Schule");
		var pupil = schools.createUser(school, "Änne", "Weiß", "PUPIL", "pupil-laterne-quitte-1", "7b");
		mvc.perform(post("/anmelden").with(csrf()).param("login", pupil.login()).param("password", "pupil-laterne-quitte-1"))
			.andExpect(redirectedUrl("/"));
		SchulhausUser me = principal(pupil.login(), false);
		mvc.perform(get("/").with(user(me)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Guten Tag, Änne Weiß")))
			.andExpect(content().string(containsString("Meine Gruppen")))
			.andExpect(content().string(containsString("7b")));
		mvc.perform(get("/konto").with(user(me))).andExpect(status().isOk())
			.andExpect(content().string(containsString(pupil.login())));
		mvc.perform(get("/konto/passwort").with(user(me))).andExpect(status().isOk());
		mvc.perform(get("/konto/zwei-faktor").with(user(me))).andExpect(status().isOk())
			.andExpect(content().string(containsString("<svg")));
		mvc.perform(get("/verwaltung/personen").with(user(me))).andExpect(status().isForbidden());
		mvc.perform(get("/betrieb/schulen").with(user(me))).andExpect(status().isForbidden());
	}

	@Test
	void adminWithoutSecondFactorIsSentToSetUpFirst() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("2FA-Schule");
		var admin = schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-1", null);
		mvc.perform(get("/verwaltung/personen").with(user(principal(admin.login(), false))))
			.andExpect(redirectedUrl("/konto/zwei-faktor"));
	}

	@Test
	void adminPagesRenderAndImportPreviewsBeforeWriting() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Verwaltungs-Schule");
		var admin = schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-2", null);
		var pupil = schools.createUser(school, "Paul", "Pupil", "PUPIL", null, "5a");
		SchulhausUser me = principal(admin.login(), true);
		mvc.perform(get("/verwaltung/personen").with(user(me))).andExpect(status().isOk())
			.andExpect(content().string(containsString("Pupil, Paul")));
		mvc.perform(get("/verwaltung/personen").param("q", "paul").header("HX-Request", "true").with(user(me)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("Pupil, Paul")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("<html"))));
		mvc.perform(get("/verwaltung/personen/" + pupil.id()).with(user(me))).andExpect(status().isOk());
		mvc.perform(get("/verwaltung/personen/neu").with(user(me))).andExpect(status().isOk());
		mvc.perform(get("/verwaltung/gruppen").with(user(me))).andExpect(status().isOk())
			.andExpect(content().string(containsString("5a")));
		mvc.perform(get("/verwaltung/protokoll").with(user(me))).andExpect(status().isOk())
			.andExpect(content().string(containsString("Konto angelegt")));
		mvc.perform(post("/verwaltung/personen/" + pupil.id() + "/anmeldelink").with(user(me)).with(csrf()))
			.andExpect(status().isOk()).andExpect(content().string(containsString("/anmelden/link/")));
		byte[] letter = mvc.perform(post("/verwaltung/personen/" + pupil.id() + "/brief").with(user(me)).with(csrf()))
			.andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"))
			.andReturn().getResponse().getContentAsByteArray();
		try (var pdf = org.apache.pdfbox.Loader.loadPDF(letter)) {
			String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
			org.assertj.core.api.Assertions.assertThat(pdf.getNumberOfPages()).isEqualTo(1);
			org.assertj.core.api.Assertions.assertThat(text).contains("Paul Pupil").contains(pupil.login());
		}
		mvc.perform(post("/verwaltung/briefe").with(user(me)).with(csrf()))
			.andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"));
		String group = com.jayway.jsonpath.JsonPath.read(mvc.perform(get("/api/v1/schools/" + school.id() + "/groups")
				.header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN)).andReturn().getResponse().getContentAsString(), "$[0].id");
		mvc.perform(post("/verwaltung/gruppen/" + group + "/briefe").with(user(me)).with(csrf()))
			.andExpect(status().isOk()).andExpect(header().string("Content-Type", "application/pdf"));
		mvc.perform(post("/verwaltung/gruppen/" + group + "/briefe").with(user(me)).with(csrf()))
			.andExpect(status().isOk());
		mvc.perform(get("/verwaltung/gruppen/" + group).param("keineBriefe", "").with(user(me)))
			.andExpect(content().string(containsString("keine Anmeldebriefe nötig")));

		byte[] csv = "Quell-Id;Nachname;Vorname;Klasse;Kontotyp\nS-1;Schäfer;Jörg;07B;Schüler*in\nS-2;Weiß;;07B;Schüler*in\n"
			.getBytes(StandardCharsets.UTF_8);
		String location = mvc.perform(multipart("/verwaltung/import").file(new MockMultipartFile("file", "klasse.csv", "text/csv", csv))
				.with(user(me)).with(csrf()))
			.andExpect(redirectedUrlPattern("/verwaltung/import/*/spalten")).andReturn().getResponse().getRedirectedUrl();
		String uploadPath = location.replace("/spalten", "");
		mvc.perform(get(location).with(user(me))).andExpect(status().isOk()).andExpect(content().string(containsString("Quell-Id")));
		mvc.perform(get(uploadPath).with(user(me))).andExpect(status().isOk())
			.andExpect(content().string(containsString("Schäfer, Jörg")))
			.andExpect(content().string(containsString("Zeile 3")));
		mvc.perform(get("/verwaltung/personen").param("q", "schäfer").with(user(me)))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Schäfer, Jörg"))));
		mvc.perform(post(uploadPath + "/bestaetigen").param("fullSync", "true").with(user(me)).with(csrf()))
			.andExpect(status().isOk()).andExpect(content().string(containsString("1 neu")));
		mvc.perform(get("/verwaltung/personen").param("q", "schäfer").with(user(me)))
			.andExpect(content().string(containsString("Schäfer, Jörg")));

		// a deactivated person gets no letter, and the page says why
		var gone = schools.createUser(school, "Gerd", "Gegangen", "PUPIL", null, null);
		mvc.perform(post("/api/v1/schools/" + school.id() + "/users/" + gone.id() + "/deactivate")
			.header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN).contentType(org.springframework.http.MediaType.APPLICATION_JSON)).andExpect(status().isOk());
		mvc.perform(post("/verwaltung/personen/" + gone.id() + "/brief").with(user(me)).with(csrf()))
			.andExpect(redirectedUrl("/verwaltung/personen/" + gone.id() + "?inaktiv"));
		mvc.perform(get("/verwaltung/personen/" + gone.id()).param("inaktiv", "").with(user(me)))
			.andExpect(content().string(containsString("keinen Anmeldebrief")));
	}

	@Test
	void operatorPagesRender() throws Exception {
		SchulhausUser operator = principal("operator@schulhaus.local", true);
		new TestSchools(mvc).createSchool("Operator-Schule");
		mvc.perform(get("/betrieb/schulen").with(user(operator))).andExpect(status().isOk())
			.andExpect(content().string(containsString("Operator-Schule")));
		mvc.perform(get("/betrieb/protokoll").with(user(operator))).andExpect(status().isOk());
		byte[] csv = ("Name;Schulnummer;Schulform;Domain\nGrundschule Bulk;" + TestSchools.nextSchoolNumber() + ";Grundschule;\n"
				+ "Kaputt;12;Gymnasium;\n").getBytes(StandardCharsets.UTF_8);
		mvc.perform(multipart("/betrieb/schulen/import").file(new MockMultipartFile("file", "schulen.csv", "text/csv", csv))
				.with(user(operator)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("1 angelegt, 0 schon vorhanden, 1 Zeilen mit Fehlern")));
	}

	@Test
	void unknownPagesAnswer404Page() throws Exception {
		SchulhausUser operator = principal("operator@schulhaus.local", true);
		mvc.perform(get("/betrieb/schulen/" + java.util.UUID.randomUUID()).with(user(operator)))
			.andExpect(status().isNotFound());
	}

	@org.springframework.beans.factory.annotation.Autowired
	de.schulhaus.accounts.internal.AccountRepository accountRows;

	@org.springframework.beans.factory.annotation.Autowired
	de.schulhaus.platform.SecretBox box;

	@Test
	void adminCreatesAnApiTokenThatWorksAndCanBeRevoked() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Token-Schule");
		var admin = schools.createUser(school, "Toni", "Token", "SCHOOL_ADMIN", "admin-laterne-quitte-3", null);
		SchulhausUser me = principal(admin.login(), true);
		mvc.perform(post("/konto/tokens").param("label", "Stundenplan-Skript").with(user(me)).with(csrf()))
			.andExpect(redirectedUrl("/konto/bestaetigen?weiter=%2Fkonto%23tokens"));
		String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ";
		accountRows.updateTotp(admin.id(), box.seal(secret, "totp:" + admin.id()), true, null);
		String code = new dev.samstevens.totp.code.DefaultCodeGenerator().generate(secret, System.currentTimeMillis() / 1000 / 30);
		var confirmed = mvc.perform(post("/konto/bestaetigen").with(user(me)).with(csrf()).param("password", "admin-laterne-quitte-3")
			.param("code", code).param("weiter", "/konto#tokens")).andExpect(redirectedUrl("/konto#tokens")).andReturn();
		var session = confirmed.getResponse().getCookie("SCHULHAUS_SESSION");
		var flash = mvc.perform(post("/konto/tokens").param("label", "Stundenplan-Skript").with(user(me)).with(csrf()).cookie(session))
			.andExpect(redirectedUrl("/konto#tokens")).andReturn().getFlashMap();
		var created = (de.schulhaus.accounts.ClientCredentials.CreatedSecret) flash.get("createdToken");
		mvc.perform(get("/api/v1/schools/" + school.id() + "/users").header("Authorization", "Bearer " + created.secret()))
			.andExpect(status().isOk());
		mvc.perform(get("/konto").with(user(me))).andExpect(content().string(containsString("Stundenplan-Skript")));
		var appPassword = mvc.perform(post("/konto/app-passwoerter").param("label", "Handy").param("scopes", "mail").with(user(me)).with(csrf())
				.cookie(session))
			.andExpect(redirectedUrl("/konto#app-passwoerter")).andReturn().getFlashMap().get("createdAppPassword");
		org.assertj.core.api.Assertions.assertThat(appPassword).isNotNull();
		mvc.perform(post("/konto/tokens/" + created.id() + "/widerrufen").with(user(me)).with(csrf()))
			.andExpect(redirectedUrl("/konto#tokens"));
		mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + created.secret())).andExpect(status().isUnauthorized());
	}
}
