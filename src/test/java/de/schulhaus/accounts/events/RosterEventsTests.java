package de.schulhaus.accounts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.GroupsChanged;
import de.schulhaus.accounts.MembershipsChanged;
import de.schulhaus.accounts.RosterImported;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/** What modules hear of the roster: a few batched events per import, one per single change. */
@IntegrationTest
@RecordApplicationEvents
class RosterEventsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationEvents events;

	@Autowired
	GroupManagement groups;

	@Autowired
	AccountUserDetailsService users;

	/** A CSV roster of {@code pupils} pupils in classes of 25, and one teacher per class. */
	static byte[] roster(int pupils, String prefix) {
		StringBuilder csv = new StringBuilder("Quell-Id;Nachname;Vorname;Klasse;Kontotyp\n");
		for (int i = 1; i <= pupils; i++) {
			csv.append(prefix).append("S-").append(i).append(";Schueler").append(i).append(";Bea;").append(5 + i % 8)
				.append((char) ('a' + (i / 25) % 12)).append(";Schüler*in\n");
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void anImportOfThousandsPublishesAFewBatchesAndASummary() throws Exception {
		var school = new TestSchools(mvc).createSchool("Ereignis-Schule");
		mvc.perform(post("/api/v1/schools/" + school.id() + "/roster-imports?dryRun=false")
			.header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN).contentType("text/csv").content(roster(2_500, "E")))
			.andExpect(status().isOk());

		var accountBatches = events.stream(AccountsChanged.class).filter(e -> e.schoolId().equals(school.id())).toList();
		assertThat(accountBatches).as("2,500 people in batches of 1,000").hasSize(3);
		assertThat(accountBatches.stream().mapToInt(e -> e.changes().size()).sum()).isEqualTo(2_500);
		assertThat(accountBatches).allSatisfy(e -> assertThat(e.changes()).allSatisfy(c -> {
			assertThat(c.kind()).isEqualTo(AccountsChanged.Kind.CREATED);
			assertThat(c.login()).endsWith("@" + school.domain());
		}));
		var memberships = events.stream(MembershipsChanged.class).filter(e -> e.schoolId().equals(school.id())).toList();
		assertThat(memberships.stream().mapToInt(e -> e.changes().size()).sum()).isEqualTo(2_500);
		assertThat(events.stream(GroupsChanged.class).filter(e -> e.schoolId().equals(school.id()))
			.flatMap(e -> e.changes().stream())).allSatisfy(c -> assertThat(c.kind()).isEqualTo(GroupsChanged.Kind.CREATED)).isNotEmpty();
		assertThat(events.stream(RosterImported.class).filter(e -> e.schoolId().equals(school.id())))
			.singleElement().satisfies(summary -> assertThat(summary.created()).isEqualTo(2_500));

		// the next year's file without the first 500: they are marked for deletion, in one batch
		events.clear();
		byte[] nextYear = new String(roster(2_500, "E"), StandardCharsets.UTF_8).lines()
			.filter(line -> !line.matches("ES-([1-9]|[1-9][0-9]|[1-4][0-9][0-9]|500);.*")).reduce("", (a, b) -> a + b + "\n")
			.getBytes(StandardCharsets.UTF_8);
		mvc.perform(post("/api/v1/schools/" + school.id() + "/roster-imports?dryRun=false")
			.header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN).contentType("text/csv").content(nextYear))
			.andExpect(status().isOk());
		var marked = events.stream(AccountsChanged.class).flatMap(e -> e.changes().stream())
			.filter(c -> c.status() == AccountStatus.MARKED_FOR_DELETION).toList();
		assertThat(marked).hasSize(500);
	}

	@Test
	void singleChangesPublishOneChangeEach() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Einzel-Ereignis-Schule");
		var pupil = t.createUser(school, "Emil", "Einzel", "PUPIL", null, null);
		assertThat(events.stream(AccountsChanged.class).filter(e -> e.schoolId().equals(school.id())).flatMap(e -> e.changes().stream()))
			.singleElement().satisfies(c -> {
				assertThat(c.kind()).isEqualTo(AccountsChanged.Kind.CREATED);
				assertThat(c.accountId()).isEqualTo(pupil.id());
			});
		var admin = t.createUser(school, "Anna", "Admin", "SCHOOL_ADMIN", null, null);
		var actor = users.load(admin.login()).orElseThrow();
		var group = groups.create(school.id(), "Theater-AG", GroupKind.CUSTOM, null, actor);
		groups.addMember(school.id(), group.id(), pupil.id(), false, actor);
		groups.addMember(school.id(), group.id(), pupil.id(), true, actor);
		groups.removeMember(school.id(), group.id(), pupil.id(), actor);
		groups.archive(school.id(), group.id(), true, actor);
		groups.archive(school.id(), group.id(), true, actor);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> groups.addMember(school.id(), group.id(), pupil.id(), false, actor))
			.as("an archived group takes no new members").hasMessageContaining("accounts.error.groupArchived");
		groups.archive(school.id(), group.id(), false, actor);
		groups.delete(school.id(), group.id(), actor);
		assertThat(events.stream(MembershipsChanged.class).filter(e -> e.schoolId().equals(school.id())).flatMap(e -> e.changes().stream())
			.map(MembershipsChanged.Change::kind)).containsExactly(MembershipsChanged.Kind.JOINED, MembershipsChanged.Kind.ROLE_CHANGED,
					MembershipsChanged.Kind.LEFT);
		assertThat(events.stream(GroupsChanged.class).filter(e -> e.schoolId().equals(school.id())).flatMap(e -> e.changes().stream())
			.map(GroupsChanged.Change::kind)).as("archiving twice announces it once").containsExactly(GroupsChanged.Kind.CREATED,
					GroupsChanged.Kind.ARCHIVED, GroupsChanged.Kind.RESTORED, GroupsChanged.Kind.DELETED);
	}
}
