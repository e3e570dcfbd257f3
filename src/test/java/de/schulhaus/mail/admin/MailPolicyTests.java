package de.schulhaus.mail.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.mail.internal.MailPolicies;
import de.schulhaus.mail.internal.MailPolicy;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/** The school admin sets the mail rules per role on one page; a wrong figure changes nothing. */
@IntegrationTest
class MailPolicyTests {

	@Autowired MockMvc mvc;
	@Autowired AccountUserDetailsService users;
	@Autowired MailPolicies policies;

	@Test
	void theAdminLetsPupilsWriteOutsideWithSmallerMessagesAndTeachersForward() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		TestSchools.SchoolRef school = schools.createSchool("Regeln-Schule");
		SchulhausUser admin = users.load(schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-1", null).login())
			.orElseThrow().withTwoFactor(true);
		SchulhausUser teacher = users.load(schools.createUser(school, "Tom", "Lehrer", "TEACHER", "teacher-laterne-quitte-1", null).login())
			.orElseThrow();
		mvc.perform(get("/verwaltung/mail/richtlinien").with(user(admin))).andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"maxMb_PUPIL\""))).andExpect(content().string(containsString("Schüler*in")));

		mvc.perform(form(admin, "outside_PUPIL", "on", "maxMb_PUPIL", "10", "forwarding_TEACHER", "on"))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("toast", "mail.admin.policy.saved"));
		assertThat(policies.of(school.id(), Role.PUPIL)).isEqualTo(new MailPolicy(Role.PUPIL, true, 10, false));
		assertThat(policies.of(school.id(), Role.TEACHER)).isEqualTo(new MailPolicy(Role.TEACHER, true, 25, true));
		assertThat(policies.of(school.id(), Role.EXTERN)).isEqualTo(MailPolicy.defaultFor(Role.EXTERN));

		// 500 MB for pupils is beyond what a school may allow: the teachers' change is not kept either
		mvc.perform(form(admin, "maxMb_PUPIL", "500", "maxMb_TEACHER", "30"))
			.andExpect(flash().attribute("problem", containsString("zwischen 1 und")));
		assertThat(policies.of(school.id(), Role.PUPIL).maxMessageMb()).isEqualTo(10);
		assertThat(policies.of(school.id(), Role.TEACHER).maxMessageMb()).isEqualTo(25);
		mvc.perform(form(admin, "maxMb_PUPIL", "zehn")).andExpect(flash().attribute("problem", containsString("zwischen 1 und")));

		mvc.perform(get("/verwaltung/mail/richtlinien").with(user(teacher))).andExpect(status().isForbidden());
		mvc.perform(form(teacher, "maxMb_PUPIL", "100")).andExpect(status().isForbidden());
	}

	/** The form as the page sends it: every role's size, the boxes that are ticked (teachers, staff and admins may write outside). */
	private static MockHttpServletRequestBuilder form(SchulhausUser who, String... changes) {
		java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
		for (Role role : new Role[] { Role.SCHOOL_ADMIN, Role.TEACHER, Role.STAFF, Role.PUPIL, Role.EXTERN }) {
			fields.put("maxMb_" + role.name(), "25");
			if (role != Role.PUPIL && role != Role.EXTERN) {
				fields.put("outside_" + role.name(), "on");
			}
		}
		for (int i = 0; i < changes.length; i += 2) {
			fields.put(changes[i], changes[i + 1]);
		}
		MockHttpServletRequestBuilder request = post("/verwaltung/mail/richtlinien").with(user(who)).with(csrf());
		fields.forEach(request::param);
		return request;
	}
}
