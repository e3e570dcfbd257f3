package de.schulhaus.platform.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.AuditRows;
import de.schulhaus.platform.SchulhausUser;

/** Only the operator checks the chain: over the API and with the "Kette prüfen" button on the audit page. */
@IntegrationTest
class AuditVerificationTests {

	private static final String VERIFICATION = "/api/v1/audit/verification";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	private SchulhausUser principal(String login) {
		SchulhausUser u = users.load(login).orElseThrow();
		u.eraseCredentials();
		return u.withTwoFactor(true);
	}

	@Test
	void theOperatorGetsTheReport() throws Exception {
		mvc.perform(get(VERIFICATION).header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.intact").value(true))
			.andExpect(jsonPath("$.tailMatchesHead").value(true))
			.andExpect(jsonPath("$.entriesChecked").isNumber())
			.andExpect(jsonPath("$.headSequence").isNumber())
			.andExpect(jsonPath("$.firstBrokenSequence").doesNotExist());
	}

	@Test
	void schoolAdminsTeachersAndStrangersAreRefused() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Ketten-Schule");
		var admin = schools.createUser(school, "Karl", "Kette", "SCHOOL_ADMIN", "admin-password-chain", null);
		var teacher = schools.createUser(school, "Kim", "Kette", "TEACHER", "teacher-password-chain", null);
		// signed in however the API allows for their role: the role alone decides
		for (var person : new TestSchools.UserRef[] { admin, teacher }) {
			mvc.perform(get(VERIFICATION).with(user(principal(person.login()))))
				.andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
		mvc.perform(get(VERIFICATION))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(get("/betrieb/protokoll/kette").with(user(principal(admin.login())))).andExpect(status().isForbidden());
		mvc.perform(get("/verwaltung/protokoll").with(user(principal(admin.login()))))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Kette prüfen"))));
	}

	@Test
	void theOperatorChecksTheChainOnTheAuditPage() throws Exception {
		SchulhausUser operator = principal("operator@schulhaus.local");
		mvc.perform(get("/betrieb/protokoll").with(user(operator)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Kette prüfen")))
			.andExpect(content().string(not(containsString("Die Kette ist"))));
		mvc.perform(get("/betrieb/protokoll/kette").with(user(operator)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<html")))
			.andExpect(content().string(containsString("Die Kette ist unversehrt")));
		mvc.perform(get("/betrieb/protokoll/kette").header("HX-Request", "true").with(user(operator)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(containsString("Die Kette ist unversehrt")));
	}

	@Test
	void aBrokenChainIsReportedWithTheEntryAndTheReason() throws Exception {
		String marker = "report-" + UUID.randomUUID();
		audit.record(null, null, "report@schule.example", "school.status", marker, "ACTIVE", "203.0.113.30");
		AuditRows rows = new AuditRows(jdbc);
		long seq = rows.seqsWithTarget(marker).get(0);
		rows.setText(seq, "details", "SUSPENDED");
		try {
			mvc.perform(get(VERIFICATION).header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.intact").value(false))
				.andExpect(jsonPath("$.firstBrokenSequence").value(seq))
				.andExpect(jsonPath("$.reason").value("EDITED"));
			mvc.perform(get("/betrieb/protokoll/kette").header("HX-Request", "true").with(user(principal("operator@schulhaus.local"))))
				.andExpect(content().string(containsString("Die Kette ist beschädigt")))
				.andExpect(content().string(containsString("Eintrag Nr. " + seq + " wurde nachträglich geändert.")));
		}
		finally {
			rows.setText(seq, "details", "ACTIVE");
		}
	}
}
