package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Scope;

/** The provisioning contract that state operators script against. */
@IntegrationTest
class ProvisioningApiTests {

	private static final String OPERATOR = "Bearer " + TestSchools.OPERATOR_TOKEN;

	@Autowired
	MockMvc mvc;

	@Test
	void operatorCreatesSchoolWithDefaultDomain() throws Exception {
		String number = TestSchools.nextSchoolNumber();
		mvc.perform(post("/api/v1/schools").header("Authorization", OPERATOR).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Gymnasium Am Rhein\",\"schoolNumber\":\"" + number + "\",\"type\":\"GYMNASIUM\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().exists("Location"))
			.andExpect(jsonPath("$.id").isString())
			.andExpect(jsonPath("$.mailDomain").value(number + ".schulhaus.local"))
			.andExpect(jsonPath("$.status").value("PROVISIONED"))
			.andExpect(jsonPath("$.teacherFilesQuotaMb").value(5120));
	}

	@Test
	void badSchoolInputGetsProblemDetailsNamingTheField() throws Exception {
		mvc.perform(post("/api/v1/schools").header("Authorization", OPERATOR).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"X\",\"schoolNumber\":\"12ab\",\"type\":\"GYMNASIUM\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("schoolNumber"))
			.andExpect(jsonPath("$.detail").value("Die Schulnummer besteht aus genau sechs Ziffern."));
		mvc.perform(post("/api/v1/schools").header("Authorization", OPERATOR).header("Accept-Language", "en")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"X\",\"schoolNumber\":\"123456\",\"type\":\"UNIVERSITAET\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("type"));
		mvc.perform(post("/api/v1/schools").header("Authorization", OPERATOR).contentType(MediaType.APPLICATION_JSON)
				.content("{not json"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void duplicateSchoolNumberIsRefused() throws Exception {
		var school = new TestSchools(mvc).createSchool("Realschule Nord");
		mvc.perform(post("/api/v1/schools").header("Authorization", OPERATOR).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Zweite\",\"schoolNumber\":\"" + school.number() + "\",\"type\":\"REALSCHULE\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("schoolNumber"));
	}

	@Test
	void usersGetTransliteratedNumberedAddressesAndSignInWithBasic() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Gesamtschule Süd");
		var first = schools.createUser(school, "Anna", "Müller", "PUPIL", "erstes-passwort-123", "5a");
		var second = schools.createUser(school, "Anna", "Müller", "PUPIL", null, "5a");
		assertThat(first.login()).isEqualTo("anna.mueller@" + school.domain());
		assertThat(second.login()).isEqualTo("anna.mueller2@" + school.domain());

		String me = schools.me(first);
		assertThat((String) JsonPath.read(me, "$.login")).isEqualTo(first.login());
		assertThat((String) JsonPath.read(me, "$.role")).isEqualTo("PUPIL");

		mvc.perform(get("/api/v1/schools/" + school.id() + "/users").header("Authorization", OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(2))
			.andExpect(jsonPath("$[0].login").isString());
		mvc.perform(get("/api/v1/schools/" + school.id() + "/groups").header("Authorization", OPERATOR))
			.andExpect(jsonPath("$[0].name").value("5a"))
			.andExpect(jsonPath("$[0].members").value(2));
	}

	@org.springframework.beans.factory.annotation.Autowired
	de.schulhaus.accounts.ProtocolSignIn protocolSignIn;

	@Test
	void appPasswordIsShownOnceAndWorksForBasic() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Grundschule Am Park");
		var teacher = schools.createUser(school, "Jörg", "Schäfer", "TEACHER", "lehrer-passwort-123", null);
		String created = mvc.perform(post("/api/v1/me/app-passwords").with(httpBasic(teacher.login(), teacher.password()))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"label\":\"Thunderbird\",\"scopes\":[\"mail\",\"calendar\"],\"password\":\"lehrer-passwort-123\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.password").isString())
			.andReturn().getResponse().getContentAsString();
		String appPassword = JsonPath.read(created, "$.password");
		assertThat(protocolSignIn.authenticate(teacher.login(), appPassword, Scope.MAIL, "imap", "127.0.0.1")).isPresent();
		// made for mail and calendar, so not for the API
		mvc.perform(get("/api/v1/me").with(httpBasic(teacher.login(), appPassword))).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/me/app-passwords").with(httpBasic(teacher.login(), teacher.password())))
			.andExpect(jsonPath("$[0].label").value("Thunderbird"))
			.andExpect(jsonPath("$[0].scopes[0]").value("CALENDAR"))
			.andExpect(jsonPath("$[0].password").doesNotExist());
	}

	@Test
	void withoutCredentialsTheApiAnswers401ProblemDetails() throws Exception {
		mvc.perform(get("/api/v1/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().doesNotExist("WWW-Authenticate"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(get("/api/v1/me").header("Authorization", "Bearer wrong"))
			.andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/me").with(httpBasic("nobody@example.org", "wrong-password")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void onlyTheOperatorCreatesSchoolsAndTeachersCannotProvision() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Hauptschule West");
		var teacher = schools.createUser(school, "Björn", "Krüger", "TEACHER", "lehrer-passwort-456", null);
		mvc.perform(post("/api/v1/schools").with(httpBasic(teacher.login(), teacher.password())).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"X\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber() + "\",\"type\":\"GYMNASIUM\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(get("/api/v1/schools/" + school.id() + "/users").with(httpBasic(teacher.login(), teacher.password())))
			.andExpect(status().isForbidden());
	}

	@Test
	void openApiDescribesTheProvisioningApi() throws Exception {
		mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/schools']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/schools/{schoolId}/users']").exists());
	}

	@Test
	void healthAndMetricsAreUp() throws Exception {
		mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
		mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer test-metrics-token-for-the-scraper-0123456789"))
			.andExpect(status().isOk());
	}
}
