package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.sample.SampleModule;

/**
 * A module plugs in with beans and a bundle only (the test module {@code de.schulhaus.sample}): its
 * tile with a badge, its card, its search results and texts; and a school switches it off per role.
 */
@IntegrationTest
class AppsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	SampleModule.SampleBadges badges;

	@Autowired
	Apps apps;

	@Autowired
	MessageSource messages;

	private SchulhausUser principal(TestSchools.UserRef ref) {
		SchulhausUser u = users.load(ref.login()).orElseThrow().withPasswordChanged();
		return u.role().requiresTwoFactor() ? u.withTwoFactor(true) : u;
	}

	@Test
	void aNewModulesBundleIsFoundWithoutConfiguration() {
		assertThat(messages.getMessage("sample.app", null, Locale.GERMAN)).isEqualTo("Beispiel");
		assertThat(messages.getMessage("sample.app", null, Locale.ENGLISH)).isEqualTo("Sample");
	}

	@Test
	void aModulesBadgeIsShownBesideItsTileInTheSidebarAndOnTheDashboard() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Badge-Schule");
		var teacher = schools.createUser(school, "Bea", "Badge", "TEACHER", null, null);
		var colleague = schools.createUser(school, "Carl", "Kollege", "TEACHER", null, null);
		badges.set(teacher.id(), 4);

		String page = mvc.perform(get("/").with(user(principal(teacher)))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		// once in the sidebar (the phone's tab bar), once on the dashboard tile, each after the label
		assertThat(page.split("<span>Beispiel</span>\\s*<span class=\"count\" aria-hidden=\"true\">4</span>\\s*"
				+ "<span class=\"visually-hidden\">4 neu</span>", -1)).hasSize(3);
		mvc.perform(get("/").with(user(principal(colleague))))
			.andExpect(content().string(containsString("<span>Beispiel</span>")))
			.andExpect(content().string(not(containsString("4 neu"))));
	}

	@Test
	void anAppSwitchedOffForPupilsIsHiddenAndRefusedForPupilsOnly() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Schalter-Schule");
		var admin = schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-s1", null);
		SchulhausUser pupil = principal(schools.createUser(school, "Pia", "Pupil", "PUPIL", null, "5a"));
		SchulhausUser teacher = principal(schools.createUser(school, "Tom", "Teacher", "TEACHER", null, null));
		var otherSchool = schools.createSchool("Andere-Schule");
		SchulhausUser otherPupil = principal(schools.createUser(otherSchool, "Olaf", "Other", "PUPIL", null, "5a"));
		mvc.perform(get("/").with(user(pupil))).andExpect(content().string(containsString("href=\"/beispiel\"")))
			.andExpect(content().string(containsString("Neues im Beispiel")));

		mvc.perform(post("/verwaltung/apps").param("on", "sample:TEACHER", "sample:STAFF").with(user(principal(admin))).with(csrf()))
			.andExpect(redirectedUrl("/verwaltung/apps"));

		mvc.perform(get("/").with(user(pupil)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("href=\"/beispiel\""))))
			.andExpect(content().string(not(containsString("Neues im Beispiel"))));
		mvc.perform(get("/beispiel").with(user(pupil))).andExpect(status().isForbidden());
		mvc.perform(get("/beispiel/roh/" + java.util.UUID.randomUUID()).with(user(pupil))).andExpect(status().isForbidden());
		mvc.perform(get("/suche").param("q", "experi").with(user(pupil))).andExpect(content().string(not(containsString("Experiment 1"))));
		mvc.perform(get("/suche").param("q", "beisp").with(user(pupil))).andExpect(content().string(not(containsString("href=\"/beispiel\""))));

		mvc.perform(get("/").with(user(teacher))).andExpect(content().string(containsString("href=\"/beispiel\"")));
		mvc.perform(get("/beispiel").with(user(teacher))).andExpect(status().isOk()).andExpect(content().string("Beispiel-App"));
		mvc.perform(get("/suche").param("q", "experi").with(user(teacher))).andExpect(content().string(containsString("Experiment 1")));
		mvc.perform(get("/beispiel").with(user(otherPupil))).andExpect(status().isOk());

		mvc.perform(get("/verwaltung/apps").with(user(principal(admin))))
			.andExpect(content().string(containsString("value=\"sample:TEACHER\" checked")))
			.andExpect(content().string(not(containsString("value=\"sample:PUPIL\" checked"))))
			.andExpect(content().string(containsString("value=\"sample:PUPIL\"")));
		mvc.perform(post("/verwaltung/apps").param("on", "sample:TEACHER", "sample:STAFF", "sample:PUPIL")
			.with(user(principal(admin))).with(csrf()));
		mvc.perform(get("/beispiel").with(user(pupil))).andExpect(status().isOk());
	}

	@Test
	void onlyTheSchoolAdminSwitchesAndTheirOwnToolsStayOn() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Werkzeug-Schule");
		SchulhausUser admin = principal(schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-s2", null));
		SchulhausUser teacher = principal(schools.createUser(school, "Tina", "Tafel", "TEACHER", null, null));

		mvc.perform(get("/verwaltung/apps").with(user(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Apps freischalten")))
			.andExpect(content().string(containsString("Beispiel für Schüler*in")))
			.andExpect(content().string(not(containsString("value=\"people:"))));
		mvc.perform(get("/verwaltung/apps").with(user(teacher))).andExpect(status().isForbidden());
		mvc.perform(post("/verwaltung/apps").with(user(teacher)).with(csrf())).andExpect(status().isForbidden());

		// a crafted form cannot switch off the admin's own tools
		mvc.perform(post("/verwaltung/apps").param("on", "sample:TEACHER").with(user(admin)).with(csrf()));
		apps.setSwitchedOff(admin, Set.of(new Apps.Switch("people", Role.SCHOOL_ADMIN), new Apps.Switch("apps", Role.SCHOOL_ADMIN),
				new Apps.Switch(SampleModule.KEY, Role.SCHOOL_ADMIN)));
		assertThat(apps.switchedOff(admin.schoolId())).isEmpty();
		assertThat(apps.of(admin)).extracting(AppTile::key).contains("people", "groups", "import", "audit", "apps");
		mvc.perform(get("/verwaltung/personen").with(user(admin))).andExpect(status().isOk());
		mvc.perform(get("/verwaltung/apps").with(user(admin))).andExpect(status().isOk());
	}
}
