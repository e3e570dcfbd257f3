package de.schulhaus.accounts.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/** A refused password says why and what would be better: on the form and in the API. */
@IntegrationTest
class PasswordFormTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	private SchulhausUser principal(String login) {
		SchulhausUser u = users.load(login).orElseThrow();
		u.eraseCredentials();
		return u.withTwoFactor(false);
	}

	@Test
	void theFormSaysWhyThePasswordIsRefusedInThePersonsLanguage() throws Exception {
		var schools = new TestSchools(mvc);
		var pupil = schools.createUser(schools.createSchool("Passwort-Schule"), "Mira", "Mustermann", "PUPIL",
				"pupil-laterne-quitte-5", null);
		SchulhausUser me = principal(pupil.login());

		mvc.perform(post("/konto/passwort").with(user(me)).with(csrf()).param("currentPassword", "pupil-laterne-quitte-5")
				.param("newPassword", "Mustermann2024!").param("repeatPassword", "Mustermann2024!"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Es baut auf Ihrem Namen oder Ihrer Adresse auf")))
			.andExpect(content().string(containsString("aria-invalid=\"true\"")));
		mvc.perform(post("/konto/passwort").with(user(me.withLanguage("en"))).with(csrf()).param("currentPassword", "pupil-laterne-quitte-5")
				.param("newPassword", "Passwort123!").param("repeatPassword", "Passwort123!"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("lists of common passwords")))
			.andExpect(content().string(containsString("Better: three or four words")));

		mvc.perform(post("/konto/passwort").with(user(me)).with(csrf()).param("currentPassword", "pupil-laterne-quitte-5")
				.param("newPassword", "Kompass Igel Schaukel Mond").param("repeatPassword", "Kompass Igel Schaukel Mond"))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void theApiAnswersAProblemWithTheFieldAndTheReason() throws Exception {
		var school = new TestSchools(mvc).createSchool("Problem-Schule");
		mvc.perform(post("/api/v1/schools/" + school.id() + "/users").header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"firstName\":\"Sabine\",\"lastName\":\"Becker\",\"role\":\"TEACHER\",\"password\":\"Sabine1975!\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:schulhaus:problem:invalid-input"))
			.andExpect(jsonPath("$.errors[0].field").value("password"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("Es baut auf Ihrem Namen")));
	}
}
