package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/**
 * Every endpoint that takes an id, called by school B's admin with school A's ids, answers exactly
 * like a missing id: 404 (or 403 where B's role may not use the endpoint at all). The endpoints are
 * read from the running application, so a new endpoint is covered the day it is added: annotated
 * controller routes are found in the handler mapping, every other route (servlets, WebDAV, CalDAV,
 * WebSocket) is declared by its module as an {@link IsolatedRoute} bean. One whose path variable
 * has no fixture here fails this test until somebody adds one.
 */
@IntegrationTest
class TenantIsolationTests {

	private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");
	/** Path variables that are no record ids of a school, with the reason. */
	private static final Set<String> NOT_TENANT_IDS = Set.of(
			"token", // one-time sign-in links: a secret, not an id; unknown tokens show the same "invalid" page
			"registrationId" // an identity provider's name from the configuration, the same for every school
	);

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	de.schulhaus.accounts.ClientCredentials credentials;

	@Autowired
	Notifications notifications;

	@Autowired
	List<IsolatedRoute> declaredRoutes;

	@Test
	void schoolBCannotReachAnythingOfSchoolA() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		var a = schools.createSchool("Schule A");
		var b = schools.createSchool("Schule B");
		var pupilA = schools.createUser(a, "Paula", "Aberle", "PUPIL", "pupil-password-a1", "5a");
		var adminA = schools.createUser(a, "Anton", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-a1", null);
		TestSchools.UserRef adminB = schools.createUser(b, "Berta", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-b1", null);
		String groups = mvc.perform(request(HttpMethod.GET, "/api/v1/schools/" + a.id() + "/groups")
				.header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN)).andReturn().getResponse().getContentAsString();
		UUID groupA = UUID.fromString(JsonPath.read(groups, "$[0].id"));
		var filesPasswordA = credentials.createAppPassword(users.load(adminA.login()).orElseThrow(), "A",
				java.util.Set.of(de.schulhaus.accounts.Scope.FILES), null);
		UUID appPasswordA = filesPasswordA.id();

		Map<String, UUID> fixtures = new HashMap<>();
		fixtures.put("schoolId", a.id());
		fixtures.put("userId", pupilA.id());
		fixtures.put("accountId", pupilA.id());
		fixtures.put("groupId", groupA);
		// a file space's key in the browser's URLs ("meine" now): a group's space will be keyed by the group's id
		fixtures.put("space", groupA);
		fixtures.put("id", appPasswordA);
		fixtures.put("appPasswordId", appPasswordA);
		fixtures.put("uploadId", createUploadInSchoolA(a.id(), adminA));
		fixtures.put("fileUploadId", createFileUploadInSchoolA(adminA, filesPasswordA.secret()));
		fixtures.put("tokenId", credentials.createToken(adminA.id(), a.id(), "A-Skript", null, null).id());
		fixtures.putAll(sharedInSchoolA(adminA, pupilA));
		// a group's calendar has the group's id; an import waiting for its confirmation in A
		fixtures.put("calendarId", groupA);
		fixtures.put("importId", calendarFiles.stage(users.load(adminA.login()).orElseThrow(), calendars.visibleTo(users.load(adminA.login()).orElseThrow()).get(0),
				"a.ics", new java.io.ByteArrayInputStream(("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//DE\r\nBEGIN:VEVENT\r\nUID:a@x\r\n"
						+ "DTSTAMP:20261130T120000Z\r\nDTSTART:20261203T130000Z\r\nSUMMARY:A\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").getBytes())).id());
		// a group of A chosen to write A's school calendar
		schoolCalendarWriters.addGroup(users.load(adminA.login()).orElseThrow(), groupA);
		fixtures.put("memberId", groupA);
		fixtures.put("roomId", rooms.create(users.load(adminA.login()).orElseThrow(), "Aula A", de.schulhaus.calendar.internal.Rooms.Kind.ROOM, null, null).id());
		// a message in the mailbox of A's pupil, and its folder
		var pupilMailbox = mailboxes.personal(a.id(), pupilA.id(), "Paula Aberle");
		var staged = messageStore.stage(new java.io.ByteArrayInputStream(("From: x@example.org\r\nSubject: A\r\nMessage-ID: <a@x>\r\n"
				+ "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nA\r\n--b\r\n"
				+ "Content-Type: application/pdf; name=a.pdf\r\nContent-ID: <c@x>\r\n\r\nA\r\n--b--\r\n").getBytes()), 100_000);
		var delivered = messageStore.deliver(staged, List.of(pupilMailbox), "x@example.org").get(pupilMailbox.id()).appended();
		fixtures.put("messageId", delivered.messageId());
		fixtures.put("folderId", delivered.folderId());
		fixtures.put("mailboxId", pupilMailbox.id());
		// a function mailbox of A (sekretariat@), with the pupil sharing it
		var functionA = mailboxes.createFunction(a.id(), "sekretariat", "Sekretariat");
		mailboxes.addMember(functionA, pupilA.id());
		fixtures.put("functionId", functionA.id());
		// the chat room of A's class (its event may still be on its way: made here at once)
		chatRooms.reconcile(a.id());
		fixtures.put("chatRoomId", jdbc.sql("select id from chat_room where school_id = :school and group_id = :group")
			.param("school", a.id()).param("group", groupA).query(UUID.class).single());
		// a message of A's pupil in that room, and a report of it to the class's leaders
		var pupilAUser = users.load(pupilA.login()).orElseThrow();
		var chatMessage = chatMessages.post(pupilAUser, fixtures.get("chatRoomId"), "Hallo 5a");
		fixtures.put("chatMessageId", chatMessage.id());
		// a file A's pupil posted there (stored in the pupil's own files)
		var posted = chatAttachments.post(pupilAUser, chatAccess.require(pupilAUser, fixtures.get("chatRoomId")), null, null, "Plan.pdf",
				"application/pdf", 3, new java.io.ByteArrayInputStream("pdf".getBytes()));
		fixtures.put("attachmentId", posted.attachments().get(0).id());
		chatReports.report(pupilAUser, fixtures.get("chatRoomId"), chatMessage.id(), "Test");
		fixtures.put("reportId", jdbc.sql("select id from chat_report where school_id = :school").param("school", a.id()).query(UUID.class).single());
		fixtures.put("notificationId", notifications.notify(a.id(), pupilA.id(),
				Notification.of("sample.greeting", "sample.notification.greeting", "/", "A")));
		// a browser of A's pupil subscribed to Web Push
		fixtures.put("subscriptionId", pushSubscriptions.subscribe(users.load(pupilA.login()).orElseThrow(),
				"https://push.example.net/send/a", "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
				"BTBZMqHH6r4Tts7J_aSIgg").id());

		// the API with an app password of scope api: admins never use their account password there
		var appPasswordB = credentials.createAppPassword(users.load(adminB.login()).orElseThrow(), "B",
				java.util.Set.of(de.schulhaus.accounts.Scope.API), null).secret();
		adminB = new TestSchools.UserRef(adminB.id(), adminB.login(), appPasswordB);
		var principalB = users.load(adminB.login()).orElseThrow();
		principalB.eraseCredentials();
		var principalBWithTwoFactor = principalB.withTwoFactor(true);

		List<String> checked = new ArrayList<>();
		List<String> leaks = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, ?> entry : mappings.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = entry.getKey();
			for (String pattern : info.getPatternValues()) {
				List<String> variables = variables(pattern);
				if (variables.isEmpty() || variables.stream().anyMatch(NOT_TENANT_IDS::contains)) {
					continue;
				}
				for (String variable : variables) {
					assertThat(fixtures).as("fixture for path variable {%s} of %s - add one to this test", variable, pattern)
						.containsKey(variable);
				}
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					String foreign = expand(pattern, fixtures);
					String missing = expand(pattern, Map.of());
					boolean api = pattern.startsWith("/api/");
					int foreignStatus = call(method, foreign, api, adminB, principalBWithTwoFactor);
					int missingStatus = call(method, missing, api, adminB, principalBWithTwoFactor);
					checked.add(method + " " + pattern + " -> " + foreignStatus);
					if (foreignStatus != missingStatus || (foreignStatus != 404 && foreignStatus != 403)) {
						leaks.add(method + " " + foreign + " answered " + foreignStatus + " (missing id: " + missingStatus + ")");
					}
					if (pattern.contains("{schoolId}") && variables.size() > 1) {
						// the caller's own school in the path, another school's record ids beside it
						Map<String, UUID> ownSchool = new HashMap<>(fixtures);
						ownSchool.put("schoolId", b.id());
						String mixed = expand(pattern, ownSchool);
						int mixedStatus = call(method, mixed, api, adminB, principalBWithTwoFactor);
						int ownMissingStatus = call(method, expand(pattern, Map.of("schoolId", b.id())), api, adminB, principalBWithTwoFactor);
						checked.add(method + " " + pattern + " (own school) -> " + mixedStatus);
						if (mixedStatus != ownMissingStatus || (mixedStatus != 404 && mixedStatus != 403)) {
							leaks.add(method + " " + mixed + " answered " + mixedStatus + " (missing id: " + ownMissingStatus + ")");
						}
					}
				}
			}
		}
		for (IsolatedRoute route : declaredRoutes) {
			for (String variable : variables(route.path())) {
				assertThat(fixtures).as("fixture for path variable {%s} of %s - add one to this test", variable, route.path())
					.containsKey(variable);
			}
			String foreign = expand(route.path(), fixtures);
			String missing = expand(route.path(), Map.of());
			int foreignStatus = call(route, foreign, adminB, principalBWithTwoFactor);
			int missingStatus = call(route, missing, adminB, principalBWithTwoFactor);
			checked.add(route.method() + " " + route.path() + " (declared) -> " + foreignStatus);
			if (foreignStatus != missingStatus || (foreignStatus != 404 && foreignStatus != 403)) {
				leaks.add(route.method() + " " + foreign + " answered " + foreignStatus + " (missing id: " + missingStatus + ")");
			}
		}
		assertThat(checked).as("endpoints with ids were found").hasSizeGreaterThan(15);
		assertThat(checked).as("declared routes were called").anyMatch(c -> c.contains("(declared)"));
		// the chat's leaders' tools over the API, the pictures' previews and the reports are among them
		assertThat(checked).as("chat moderation API covered").anyMatch(c -> c.startsWith("PUT /api/v1/chat/rooms/{chatRoomId}/mutes/{accountId}"))
			.anyMatch(c -> c.startsWith("DELETE /api/v1/chat/rooms/{chatRoomId}/members/{accountId}"))
			.anyMatch(c -> c.startsWith("PUT /api/v1/chat/rooms/{chatRoomId}/pins/{chatMessageId}"))
			.anyMatch(c -> c.startsWith("PUT /api/v1/chat/rooms/{chatRoomId}/lock"))
			.anyMatch(c -> c.startsWith("PUT /api/v1/chat/reports/{reportId}/resolved"))
			.anyMatch(c -> c.startsWith("GET /api/v1/chat/attachments/{attachmentId}/preview"));
		assertThat(leaks).as("endpoints that treat a foreign id differently from a missing one").isEmpty();
	}

	@Autowired
	de.schulhaus.files.internal.Spaces fileSpaces;

	@Autowired
	de.schulhaus.chat.internal.GroupRooms chatRooms;

	@Autowired
	de.schulhaus.chat.internal.ChatMessages chatMessages;

	@Autowired
	de.schulhaus.chat.internal.MessageReports chatReports;

	@Autowired
	de.schulhaus.chat.internal.ChatAttachments chatAttachments;

	@Autowired
	de.schulhaus.chat.internal.RoomAccess chatAccess;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;


	@Autowired
	de.schulhaus.calendar.internal.Rooms rooms;

	@Autowired
	de.schulhaus.calendar.internal.Calendars calendars;

	@Autowired
	de.schulhaus.calendar.internal.CalendarFilesService calendarFiles;

	@Autowired
	de.schulhaus.calendar.internal.SchoolCalendarWriters schoolCalendarWriters;

	@Autowired
	de.schulhaus.files.internal.Shares fileShares;

	@Autowired
	de.schulhaus.files.internal.Links fileLinks;

	@Autowired
	de.schulhaus.files.CloudFiles cloudFiles;

	@Autowired
	de.schulhaus.mail.internal.Mailboxes mailboxes;

	@Autowired
	de.schulhaus.mail.internal.MessageStore messageStore;

	@Autowired
	de.schulhaus.push.internal.PushSubscriptions pushSubscriptions;


	/** A folder of A's admin shared with a pupil of A, a link to it and a file in it. */
	private Map<String, UUID> sharedInSchoolA(TestSchools.UserRef adminA, TestSchools.UserRef pupilA) {
		var admin = users.load(adminA.login()).orElseThrow();
		var own = fileSpaces.open(fileSpaces.personal(admin));
		var folder = new de.schulhaus.dav.DavPath(List.of("Geteilt"));
		own.createCollection(folder);
		// a file in it: the calendar's attachment picker takes its id
		own.write(new de.schulhaus.dav.DavPath(List.of("Geteilt", "Plan-A.pdf")), new java.io.ByteArrayInputStream(new byte[] { 1 }), "application/pdf", 1);
		UUID file = cloudFiles.search(admin, "Plan-A.pdf", 1).get(0).id();
		return Map.of("share", fileShares.share(own, folder, de.schulhaus.files.internal.Shares.GranteeKind.PERSON, pupilA.id(), false, admin).id(),
				"link", fileLinks.create(own, folder, false, null, null, null, admin).id(), "fileId", file);
	}

	private UUID createUploadInSchoolA(UUID schoolA, TestSchools.UserRef adminA) throws Exception {
		byte[] csv = "Quell-Id;Nachname;Vorname;Klasse;Kontotyp\nX-1;Aberle;Paul;5a;Schüler*in\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		String location = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/verwaltung/import")
				.file(new org.springframework.mock.web.MockMultipartFile("file", "roster.csv", "text/csv", csv))
				.with(user(users.load(adminA.login()).orElseThrow().withTwoFactor(true))).with(csrf()))
			.andReturn().getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/verwaltung/import/");
		return UUID.fromString(location.split("/")[3]);
	}

	/**
	 * Routes without an id act on the signed-in person only, whatever the request names: school B's admin switching
	 * off the mail of unread chat mentions with A's pupil's account id switches off their own, never the pupil's.
	 */
	@Test
	void aPersonsOwnSettingsCannotBeChangedForSomeoneOfAnotherSchool() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		var a = schools.createSchool("Einstellungen A");
		var b = schools.createSchool("Einstellungen B");
		var pupilA = users.load(schools.createUser(a, "Paula", "Aberle", "PUPIL", "pupil-password-a2", "5a").login()).orElseThrow();
		var adminB = users.load(schools.createUser(b, "Berta", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-b2", null).login()).orElseThrow();
		int status = mvc.perform(request(HttpMethod.POST, "/konto/erwaehnungen-per-mail").param("accountId", pupilA.accountId().toString())
			.param("schoolId", a.id().toString()).with(user(adminB.withTwoFactor(true))).with(csrf())).andReturn().getResponse().getStatus();
		assertThat(status).isEqualTo(302);
		assertThat(mentionDigests.mailWanted(pupilA)).as("A's pupil keeps the mail").isTrue();
		assertThat(mentionDigests.mailWanted(adminB)).as("B's admin switched off their own").isFalse();
	}

	@Autowired
	de.schulhaus.chat.MentionDigests mentionDigests;

	/** A resumable upload (tus) into A's admin's own files, begun and half sent. */
	private UUID createFileUploadInSchoolA(TestSchools.UserRef adminA, String filesSecret) throws Exception {
		String location = mvc.perform(request(HttpMethod.POST, "/api/files/uploads").with(httpBasic(adminA.login(), filesSecret))
				.header("Tus-Resumable", "1.0.0").header("Upload-Length", "4")
				.header("Upload-Metadata", "filename " + java.util.Base64.getEncoder().encodeToString("a.txt".getBytes())))
			.andReturn().getResponse().getHeader("Location");
		assertThat(location).startsWith("/api/files/uploads/");
		mvc.perform(request(HttpMethod.PATCH, location).with(httpBasic(adminA.login(), filesSecret)).header("Tus-Resumable", "1.0.0")
			.header("Upload-Offset", "0").contentType("application/offset+octet-stream").content(new byte[] { 1, 2 }));
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	private int call(RequestMethod method, String path, boolean api, TestSchools.UserRef adminB,
			de.schulhaus.platform.SchulhausUser principalB) throws Exception {
		MockHttpServletRequestBuilder builder = request(HttpMethod.valueOf(method.name()), path);
		if (api) {
			builder.with(httpBasic(adminB.login(), adminB.password())).contentType(MediaType.APPLICATION_JSON).content("{}");
		}
		else {
			builder.with(user(principalB)).with(csrf()).param("confirm", "x").param("status", "ACTIVE").param("role", "PUPIL")
				.param("accountId", UUID.randomUUID().toString()).param("sourceId", "a").param("lastName", "b")
				.param("firstName", "c").param("kind", "d").param("lang", "de").param("code", "000000").param("label", "x");
		}
		return mvc.perform(builder).andReturn().getResponse().getStatus();
	}

	/** A declared route, signed in as it says: B's web session, or B's app password of the route's scope. */
	private int call(IsolatedRoute route, String path, TestSchools.UserRef adminB, SchulhausUser principalB) throws Exception {
		MockHttpServletRequestBuilder builder = request(HttpMethod.valueOf(route.method()), path);
		switch (route.signIn()) {
			case WEB_SESSION -> builder.with(user(principalB)).with(csrf());
			case APP_PASSWORD -> {
				var scope = de.schulhaus.accounts.Scope.of(route.scope()).orElseThrow();
				String secret = appPasswords.computeIfAbsent(scope, s -> credentials.createAppPassword(
						users.load(adminB.login()).orElseThrow(), "B " + s.key(), Set.of(s), null).secret());
				builder.with(httpBasic(adminB.login(), secret));
			}
		}
		return mvc.perform(builder).andReturn().getResponse().getStatus();
	}

	private final Map<de.schulhaus.accounts.Scope, String> appPasswords = new HashMap<>();

	private static List<String> variables(String pattern) {
		List<String> names = new ArrayList<>();
		Matcher m = VARIABLE.matcher(pattern);
		while (m.find()) {
			names.add(m.group(1));
		}
		return names;
	}

	private static String expand(String pattern, Map<String, UUID> values) {
		Matcher m = VARIABLE.matcher(pattern);
		StringBuilder sb = new StringBuilder();
		while (m.find()) {
			UUID value = values.getOrDefault(m.group(1), UUID.randomUUID());
			m.appendReplacement(sb, value.toString());
		}
		m.appendTail(sb);
		return sb.toString();
	}
}
