package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/**
 * Another school's ids where they are not in the path: in a form field or a JSON body of a request
 * to the caller's own school. They must be answered like ids that do not exist, and change nothing.
 */
@IntegrationTest
class ForeignIdsInRequestsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anotherSchoolsPersonCannotBeAddedToOnesOwnGroup() throws Exception {
		var t = new TestSchools(mvc);
		var a = t.createSchool("Koerper-Schule A");
		var b = t.createSchool("Koerper-Schule B");
		var pupilA = t.createUser(a, "Pia", "Aussen", "PUPIL", null, null);
		var pupilB = t.createUser(b, "Ben", "Innen", "PUPIL", null, "5b");
		var adminB = t.createUser(b, "Bruno", "Admin", "SCHOOL_ADMIN", null, null);
		var admin = users.load(adminB.login()).orElseThrow().withTwoFactor(true).withPasswordChanged();
		String groups = mvc.perform(get("/api/v1/schools/" + b.id() + "/groups").header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN))
			.andReturn().getResponse().getContentAsString();
		UUID groupB = UUID.fromString(JsonPath.read(groups, "$[0].id"));

		// the web form's field
		int foreign = mvc.perform(post("/verwaltung/gruppen/" + groupB + "/mitglieder").with(user(admin)).with(csrf())
			.param("accountId", pupilA.id().toString())).andReturn().getResponse().getStatus();
		int missing = mvc.perform(post("/verwaltung/gruppen/" + groupB + "/mitglieder").with(user(admin)).with(csrf())
			.param("accountId", UUID.randomUUID().toString())).andReturn().getResponse().getStatus();
		assertThat(foreign).isEqualTo(missing).isEqualTo(404);

		// the API's JSON body
		String app = credentials.createAppPassword(admin, "Skript", Set.of(Scope.API), null).secret();
		String auth = "Basic " + java.util.Base64.getEncoder().encodeToString((adminB.login() + ":" + app).getBytes());
		int foreignApi = mvc.perform(post("/api/v1/schools/" + b.id() + "/groups/" + groupB + "/members").header("Authorization", auth)
			.contentType(MediaType.APPLICATION_JSON).content("{\"userId\":\"" + pupilA.id() + "\"}")).andReturn().getResponse().getStatus();
		int missingApi = mvc.perform(post("/api/v1/schools/" + b.id() + "/groups/" + groupB + "/members").header("Authorization", auth)
			.contentType(MediaType.APPLICATION_JSON).content("{\"userId\":\"" + UUID.randomUUID() + "\"}")).andReturn().getResponse()
			.getStatus();
		assertThat(foreignApi).isEqualTo(missingApi).isEqualTo(404);

		assertThat(jdbc.sql("select count(*) from group_membership where account_id = :a").param("a", pupilA.id()).query(Long.class)
			.single()).as("the foreign pupil joined nothing").isZero();
		assertThat(jdbc.sql("select count(*) from group_membership where group_id = :g").param("g", groupB).query(Long.class).single())
			.isEqualTo(1);
		assertThat(pupilB.id()).isNotNull();
	}
}
