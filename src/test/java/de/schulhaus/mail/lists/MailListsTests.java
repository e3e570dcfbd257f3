package de.schulhaus.mail.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.mail.internal.ListPolicy;
import de.schulhaus.mail.internal.MailAddresses;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.SchoolDeleted;

/** Every group has a list address that follows the roster, and its leaders choose who may write to it. */
@IntegrationTest
class MailListsTests {

	@Autowired MockMvc mvc;
	@Autowired MailLists lists;
	@Autowired ListBackfill backfill;
	@Autowired RosterListSync sync;
	@Autowired GroupManagement groups;
	@Autowired Mailboxes mailboxes;
	@Autowired MailAddresses addresses;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;

	TestSchools schools;
	TestSchools.SchoolRef school;
	SchulhausUser admin;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Verteiler-Schule");
		admin = users.load(schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-1", null).login()).orElseThrow()
			.withTwoFactor(true);
	}

	@Test
	void aGroupGetsItsListWhenMadeFollowsItsNameAndGoesWhenArchivedOrDeleted() {
		Group course = groups.create(school.id(), "Französisch LK", GroupKind.COURSE, null, admin);
		assertThat(awaitList(course.id()).localPart()).isEqualTo("franzoesisch-lk");
		assertThat(addresses.resolve("Franzoesisch-LK@" + school.domain())).isInstanceOfSatisfying(MailAddresses.ToList.class,
				l -> assertThat(l.groupId()).isEqualTo(course.id()));
		assertThat(lists.find(school.id(), course.id()).orElseThrow().policy()).isEqualTo(ListPolicy.MEMBERS);

		// the roster import renames groups (the class moves up a year); the address follows, the policy stays
		lists.setPolicy(admin, course.id(), ListPolicy.SCHOOL);
		jdbc.sql("update school_group set name = 'Französisch GK' where id = :id").param("id", course.id()).update();
		lists.follow(school.id(), List.of(course.id()));
		assertThat(lists.find(school.id(), course.id()).orElseThrow()).extracting(MailList::localPart, MailList::policy)
			.containsExactly("franzoesisch-gk", ListPolicy.SCHOOL);
		assertThat(addresses.resolve("franzoesisch-lk@" + school.domain())).isInstanceOf(MailAddresses.Unknown.class);

		groups.archive(school.id(), course.id(), true, admin);
		await().atMost(Duration.ofSeconds(20)).until(() -> lists.find(school.id(), course.id()).isEmpty());
		groups.archive(school.id(), course.id(), false, admin);
		assertThat(awaitList(course.id()).localPart()).isEqualTo("franzoesisch-gk");
		groups.delete(school.id(), course.id(), admin);
		await().atMost(Duration.ofSeconds(20)).until(() -> lists.find(school.id(), course.id()).isEmpty());
	}

	@Test
	void anAddressTakenByAFunctionMailboxOrAnotherListGetsANumber() {
		mailboxes.createFunction(school.id(), "sekretariat", "Sekretariat");
		Group office = groups.create(school.id(), "Sekretariat", GroupKind.STAFF, null, admin);
		Group first = groups.create(school.id(), "Q1 Mathe", GroupKind.COURSE, null, admin);
		assertThat(awaitList(office.id()).localPart()).isEqualTo("sekretariat-2");
		assertThat(awaitList(first.id()).localPart()).isEqualTo("q1-mathe");
		Group second = groups.create(school.id(), "Q1-Mathe!", GroupKind.COURSE, null, admin);
		assertThat(awaitList(second.id()).localPart()).isEqualTo("q1-mathe-2");
		// the function mailbox keeps its address
		assertThat(addresses.resolve("sekretariat@" + school.domain())).isInstanceOf(MailAddresses.ToMailbox.class);
	}

	@Test
	void aListWhoseAddressBecomesAPersonsSignInNameMovesAside() throws Exception {
		Group art = groups.create(school.id(), "Kunst", GroupKind.COURSE, null, admin);
		assertThat(awaitList(art.id()).localPart()).isEqualTo("kunst");
		lists.setPolicy(admin, art.id(), ListPolicy.ANYONE);
		// a person whose sign-in name is now kunst@ (as a roster import that renames a person could make it)
		TestSchools.UserRef person = schools.createUser(school, "Karl", "Kunst", "TEACHER", "teacher-laterne-quitte-9", null);
		String login = "kunst@" + school.domain();
		jdbc.sql("update account set login = :login where id = :id").param("login", login).param("id", person.id()).update();
		sync.on(new de.schulhaus.accounts.AccountsChanged(school.id(), List.of(new de.schulhaus.accounts.AccountsChanged.Change(
				de.schulhaus.accounts.AccountsChanged.Kind.CHANGED, person.id(), login, "Karl", "Kunst", null, null))));
		await().atMost(Duration.ofSeconds(20)).until(() -> lists.find(school.id(), art.id()).orElseThrow().localPart().equals("kunst-2"));
		assertThat(lists.find(school.id(), art.id()).orElseThrow().policy()).isEqualTo(ListPolicy.ANYONE);
		assertThat(addresses.resolve(login)).isInstanceOfSatisfying(MailAddresses.ToMailbox.class,
				to -> assertThat(to.mailbox().accountId()).isEqualTo(person.id()));
		// and the group keeps its moved address when the roster says nothing new about it
		lists.follow(school.id(), List.of(art.id()));
		assertThat(lists.find(school.id(), art.id()).orElseThrow().localPart()).isEqualTo("kunst-2");
	}

	@Test
	void listMailGoesToTheGroupAsItIsAtDeliverySoAPupilWhoChangesClassGetsTheNewClasssMail() throws Exception {
		TestSchools.UserRef pia = schools.createUser(school, "Pia", "Wechsel", "PUPIL", "pupil-laterne-quitte-1", "5a");
		UUID fiveA = groupNamed("5a");
		Group fiveB = groups.create(school.id(), "5b", GroupKind.CLASS, null, admin);
		MailAddresses.ToList listA = (MailAddresses.ToList) awaitResolve("5a@" + school.domain());
		MailAddresses.ToList listB = (MailAddresses.ToList) awaitResolve("5b@" + school.domain());
		assertThat(addresses.listMembers(listA).mailboxes()).extracting(Mailbox::accountId).containsExactly(pia.id());
		assertThat(addresses.listMembers(listB).mailboxes()).isEmpty();

		groups.removeMember(school.id(), fiveA, pia.id(), admin);
		groups.addMember(school.id(), fiveB.id(), pia.id(), false, admin);
		assertThat(addresses.listMembers(listA).mailboxes()).isEmpty();
		assertThat(addresses.listMembers(listB).mailboxes()).extracting(Mailbox::accountId).containsExactly(pia.id());
	}

	@Test
	void theBackfillGivesGroupsWithoutListsTheirsOnceAndAgainWithoutHarm() {
		Group band = groups.create(school.id(), "Schulband", GroupKind.CUSTOM, null, admin);
		Group choir = groups.create(school.id(), "Chor", GroupKind.CUSTOM, null, admin);
		awaitList(band.id());
		awaitList(choir.id());
		// as if the groups had been there before the mail module
		jdbc.sql("delete from mail_list where school_id = :s").param("s", school.id()).update();
		jdbc.sql("delete from mail_list_synced where school_id = :s").param("s", school.id()).update();
		assertThat(lists.unsyncedSchools()).contains(school.id());

		backfill.run();
		assertThat(lists.ofSchool(school.id())).extracting(MailList::localPart).containsExactly("chor", "schulband");
		assertThat(lists.unsyncedSchools()).doesNotContain(school.id());
		assertThat(lists.reconcile(school.id())).isZero();
		assertThat(lists.ofSchool(school.id())).hasSize(2);
	}

	@Test
	void aDeletedSchoolsListsGo() {
		Group band = groups.create(school.id(), "Schulband", GroupKind.CUSTOM, null, admin);
		awaitList(band.id());
		sync.on(new SchoolDeleted(school.id(), school.number()));
		await().atMost(Duration.ofSeconds(20)).until(() -> lists.ofSchool(school.id()).isEmpty());
	}

	@Test
	void leadersAndTheAdminChooseWhoMayWriteOthersMayNotAndAnotherSchoolsGroupIsNotFound() throws Exception {
		TestSchools.UserRef teacher = schools.createUser(school, "Tilo", "Leiter", "TEACHER", "teacher-laterne-quitte-1", null);
		TestSchools.UserRef pupil = schools.createUser(school, "Paul", "Mitglied", "PUPIL", "pupil-laterne-quitte-2", "7c");
		UUID sevenC = groupNamed("7c");
		groups.addMember(school.id(), sevenC, teacher.id(), true, admin);
		awaitList(sevenC);
		SchulhausUser leader = users.load(teacher.login()).orElseThrow();
		SchulhausUser member = users.load(pupil.login()).orElseThrow();

		mvc.perform(get("/mail/listen/{id}", sevenC).with(user(leader))).andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("7c@" + school.domain())));
		mvc.perform(post("/mail/listen/{id}", sevenC).param("policy", "anyone").with(user(leader)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(lists.find(school.id(), sevenC).orElseThrow().policy()).isEqualTo(ListPolicy.ANYONE);
		mvc.perform(post("/mail/listen/{id}", sevenC).param("policy", "school").with(user(admin)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(lists.find(school.id(), sevenC).orElseThrow().policy()).isEqualTo(ListPolicy.SCHOOL);

		mvc.perform(get("/mail/listen/{id}", sevenC).with(user(member))).andExpect(status().isForbidden());
		mvc.perform(post("/mail/listen/{id}", sevenC).param("policy", "members").with(user(member)).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/mail/listen/{id}", sevenC).param("policy", "everybody").with(user(leader)).with(csrf()))
			.andExpect(status().isBadRequest());
		assertThat(lists.find(school.id(), sevenC).orElseThrow().policy()).isEqualTo(ListPolicy.SCHOOL);

		TestSchools.SchoolRef other = schools.createSchool("Andere Schule");
		SchulhausUser otherAdmin = users.load(schools.createUser(other, "Olga", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-2", null).login())
			.orElseThrow().withTwoFactor(true);
		mvc.perform(get("/mail/listen/{id}", sevenC).with(user(otherAdmin))).andExpect(status().isNotFound());
		mvc.perform(post("/mail/listen/{id}", sevenC).param("policy", "anyone").with(user(otherAdmin)).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(get("/mail/listen/{id}", UUID.randomUUID()).with(user(otherAdmin))).andExpect(status().isNotFound());
		assertThat(lists.find(school.id(), sevenC).orElseThrow().policy()).isEqualTo(ListPolicy.SCHOOL);
	}

	private UUID groupNamed(String name) {
		return groups.list(school.id()).stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow().id();
	}

	private MailList awaitList(UUID groupId) {
		await().atMost(Duration.ofSeconds(20)).until(() -> lists.find(school.id(), groupId).isPresent());
		return lists.find(school.id(), groupId).orElseThrow();
	}

	private MailAddresses.Destination awaitResolve(String address) {
		await().atMost(Duration.ofSeconds(20)).until(() -> addresses.resolve(address) instanceof MailAddresses.ToList);
		return addresses.resolve(address);
	}
}
