package de.schulhaus.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;

/**
 * A school for messenger tests: an admin, a class 5a with its teacher and two pupils, and the calls
 * they make (signed in, with CSRF token, in German).
 */
public class ChatFixture {

	public final MockMvc mvc;
	public final TestSchools schools;
	public final TestSchools.SchoolRef school;
	public final SchulhausUser admin;
	public final SchulhausUser teacher;
	public final SchulhausUser pupil;
	public final SchulhausUser pupil2;
	public final Group classA;
	private final GroupManagement groups;
	private final AccountUserDetailsService users;
	private final JdbcClient jdbc;
	private final AuditLog audit;

	public ChatFixture(MockMvc mvc, GroupManagement groups, AccountUserDetailsService users, JdbcClient jdbc, AuditLog audit, String name)
			throws Exception {
		this.mvc = mvc;
		this.groups = groups;
		this.users = users;
		this.jdbc = jdbc;
		this.audit = audit;
		this.schools = new TestSchools(mvc);
		this.school = schools.createSchool(name);
		this.admin = person("Ada", "Admin", "SCHOOL_ADMIN").withTwoFactor(true);
		this.teacher = person("Tina", "Tafel", "TEACHER");
		this.pupil = person("Paul", "Pult", "PUPIL");
		this.pupil2 = person("Pia", "Pinsel", "PUPIL");
		this.classA = groups.create(school.id(), "5a", GroupKind.CLASS, null, admin);
		groups.addMember(school.id(), classA.id(), teacher.accountId(), true, admin);
		groups.addMember(school.id(), classA.id(), pupil.accountId(), false, admin);
		groups.addMember(school.id(), classA.id(), pupil2.accountId(), false, admin);
	}

	public SchulhausUser person(String first, String last, String role) throws Exception {
		return users.load(schools.createUser(school, first, last, role, first.toLowerCase() + "-laterne-quitte-1", null).login()).orElseThrow();
	}

	public MvcResult call(MockHttpServletRequestBuilder request, SchulhausUser who) throws Exception {
		return mvc.perform(request.header("Accept-Language", "de").with(user(who)).with(csrf())).andReturn();
	}

	/** A page that must answer 200. */
	public String page(MockHttpServletRequestBuilder request, SchulhausUser who) throws Exception {
		MvcResult result = call(request, who);
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	/** A form that must answer with a redirect; answers where to. */
	public String form(MockHttpServletRequestBuilder request, SchulhausUser who) throws Exception {
		MvcResult result = call(request, who);
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(302);
		return result.getResponse().getRedirectedUrl();
	}

	/** The refusal a form flashed for the page it goes back to (null: none). */
	public static String problem(MvcResult result) {
		return (String) result.getFlashMap().get("problem");
	}

	public UUID awaitRoom(UUID groupId) {
		await().atMost(Duration.ofSeconds(20)).until(() -> roomOf(groupId).isPresent());
		return roomOf(groupId).orElseThrow();
	}

	public Optional<UUID> roomOf(UUID groupId) {
		return jdbc.sql("select id from chat_room where school_id = :school and group_id = :group").param("school", school.id())
			.param("group", groupId).query(UUID.class).optional();
	}

	/** The room id in a redirect to /chat/raum/{id}. */
	public static UUID roomIn(String location) {
		assertThat(location).startsWith("/chat/raum/");
		return UUID.fromString(location.substring("/chat/raum/".length(), "/chat/raum/".length() + 36));
	}

	/** The school's audit log actions, newest first. */
	public List<String> auditActions() {
		return audit.recent(school.id(), 200).stream().map(AuditLog.Entry::action).toList();
	}
}
