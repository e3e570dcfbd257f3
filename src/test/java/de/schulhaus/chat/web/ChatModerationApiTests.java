package de.schulhaus.chat.web;

import static de.schulhaus.chat.ChatFixture.roomIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.ChatFixture;
import de.schulhaus.chat.internal.ChatMessages;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;

/** The leaders' tools over the JSON API: the same rules as the forms, refusals as RFC 9457 problems. */
@IntegrationTest
class ChatModerationApiTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;
	@Autowired ChatMessages messages;
	@Autowired ClientCredentials credentials;

	ChatFixture f;
	UUID room;
	String api;

	@BeforeEach
	void setUp() throws Exception {
		f = new ChatFixture(mvc, groups, users, jdbc, audit, "Chat-Moderations-API-Schule");
		room = f.awaitRoom(f.classA.id());
		api = "/api/v1/chat/rooms/" + room;
	}

	@Test
	void aLeaderLocksAndUnlocksAndAMemberIsRefusedWithAProblem() throws Exception {
		MockHttpServletResponse refused = call(put(api + "/lock"), f.pupil);
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.type")).isEqualTo("urn:schulhaus:problem:chat:not-allowed");
		assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.detail")).contains("nur die Leitung");

		assertThat(call(put(api + "/lock"), f.teacher).getStatus()).isEqualTo(204);
		assertThat(send(f.pupil, "Hallo?").getStatus()).isEqualTo(403);
		assertThat(JsonPath.<List<Boolean>>read(call(get("/api/v1/chat/rooms"), f.pupil).getContentAsString(), "$[?(@.kind == 'GROUP')].locked"))
			.containsExactly(true);
		assertThat(send(f.teacher, "Jetzt rede ich.").getStatus()).isEqualTo(201);

		assertThat(call(delete(api + "/lock"), f.teacher).getStatus()).isEqualTo(204);
		assertThat(send(f.pupil, "Danke").getStatus()).isEqualTo(201);
		assertThat(f.auditActions()).contains("chat.room.locked", "chat.room.unlocked");

		// a program with an app password (scope api, the admins') needs no CSRF token for PUT and DELETE: the admin leads the
		// school's announcements, and a class room the admin is not in is a 404 for it too
		String secret = credentials.createAppPassword(users.load(f.admin.login()).orElseThrow(), "Skript", java.util.Set.of(Scope.API), null).secret();
		UUID announcements = jdbc.sql("select id from chat_room where school_id = :school and kind = 'ANNOUNCE'").param("school", f.school.id())
			.query(UUID.class).single();
		assertThat(mvc.perform(put("/api/v1/chat/rooms/" + announcements + "/lock").with(httpBasic(f.admin.login(), secret))).andReturn()
			.getResponse().getStatus()).isEqualTo(204);
		assertThat(jdbc.sql("select locked from chat_room where id = :id").param("id", announcements).query(Boolean.class).single()).isTrue();
		assertThat(mvc.perform(delete("/api/v1/chat/rooms/" + announcements + "/lock").with(httpBasic(f.admin.login(), secret))).andReturn()
			.getResponse().getStatus()).isEqualTo(204);
		assertThat(mvc.perform(put(api + "/lock").with(httpBasic(f.admin.login(), secret))).andReturn().getResponse().getStatus()).isEqualTo(404);

		// archived: nobody writes, it is listed as archived; and back
		assertThat(call(put(api + "/archive"), f.teacher).getStatus()).isEqualTo(204);
		assertThat(send(f.teacher, "Noch da?").getStatus()).isEqualTo(403);
		assertThat(call(delete(api + "/archive"), f.teacher).getStatus()).isEqualTo(204);
		assertThat(send(f.teacher, "Wieder offen").getStatus()).isEqualTo(201);
	}

	@Test
	void aMuteHasItsLengthEndsWhenLiftedAndABadLengthIsA400() throws Exception {
		Instant before = Instant.now();
		MockHttpServletResponse muted = call(json(put(api + "/mutes/" + f.pupil.accountId()), "{\"duration\":\"15m\"}"), f.teacher);
		assertThat(muted.getStatus()).as(muted.getContentAsString()).isEqualTo(200);
		Instant until = Instant.parse(JsonPath.read(muted.getContentAsString(), "$.until"));
		assertThat(until).isBetween(before.minusMillis(1).plus(Duration.ofMinutes(15)), Instant.now().plus(Duration.ofMinutes(15)));
		assertThat(JsonPath.<String>read(muted.getContentAsString(), "$.accountId")).isEqualTo(f.pupil.accountId().toString());

		assertThat(send(f.pupil, "Aber ich!").getStatus()).isEqualTo(403);
		String rooms = call(get("/api/v1/chat/rooms"), f.pupil).getContentAsString();
		assertThat(JsonPath.<List<String>>read(rooms, "$[?(@.kind == 'GROUP')].mutedUntil")).singleElement()
			.satisfies(end -> assertThat(Instant.parse(end)).isEqualTo(until));
		String mutes = call(get(api + "/mutes"), f.teacher).getContentAsString();
		assertThat(JsonPath.<List<String>>read(mutes, "$[*].accountId")).containsExactly(f.pupil.accountId().toString());
		assertThat(call(get(api + "/mutes"), f.pupil).getStatus()).isEqualTo(403);

		// until lifted: no end
		MockHttpServletResponse forGood = call(json(put(api + "/mutes/" + f.pupil2.accountId()), "{\"duration\":\"untilLifted\"}"), f.teacher);
		assertThat(forGood.getStatus()).isEqualTo(200);
		assertThat(JsonPath.<Object>read(forGood.getContentAsString(), "$.until")).isNull();
		assertThat(send(f.pupil2, "Hallo").getStatus()).isEqualTo(403);

		MockHttpServletResponse bad = call(json(put(api + "/mutes/" + f.pupil.accountId()), "{\"duration\":\"2h\"}"), f.teacher);
		assertThat(bad.getStatus()).isEqualTo(400);
		assertThat(bad.getContentType()).startsWith("application/problem+json");
		assertThat(JsonPath.<String>read(bad.getContentAsString(), "$.detail")).contains("15m, 1h, 1d oder untilLifted");
		assertThat(JsonPath.<List<String>>read(bad.getContentAsString(), "$.errors[*].field")).containsExactly("duration");
		assertThat(call(json(put(api + "/mutes/" + f.pupil.accountId()), "{}"), f.teacher).getStatus()).isEqualTo(400);

		// someone who is not in the room, or nobody at all, is a 404 whatever the length; a leader cannot be muted
		SchulhausUser outsider = f.person("Otto", "Außen", "PUPIL");
		assertThat(call(json(put(api + "/mutes/" + outsider.accountId()), "{\"duration\":\"2h\"}"), f.teacher).getStatus()).isEqualTo(404);
		assertThat(call(json(put(api + "/mutes/" + UUID.randomUUID()), "{\"duration\":\"1h\"}"), f.teacher).getStatus()).isEqualTo(404);
		assertThat(call(json(put(api + "/mutes/" + f.teacher.accountId()), "{\"duration\":\"1h\"}"), f.teacher).getStatus()).isEqualTo(403);
		// and a room the caller does not read is a 404, not a 403
		assertThat(call(json(put(api + "/mutes/" + f.pupil.accountId()), "{\"duration\":\"1h\"}"), outsider).getStatus()).isEqualTo(404);

		assertThat(call(delete(api + "/mutes/" + f.pupil.accountId()), f.teacher).getStatus()).isEqualTo(204);
		assertThat(send(f.pupil, "Wieder da").getStatus()).isEqualTo(201);
		assertThat(f.auditActions()).contains("chat.member.muted", "chat.member.unmuted");
	}

	@Test
	void removingAMemberOfAGroupChatTakesTheRoomAway() throws Exception {
		UUID chat = roomIn(f.form(post("/chat/neu").param("name", "Theater-AG").param("personen", f.pupil2.accountId().toString()), f.teacher));
		assertThat(call(get("/api/v1/chat/rooms/" + chat + "/messages"), f.pupil2).getStatus()).isEqualTo(200);
		assertThat(call(delete("/api/v1/chat/rooms/" + chat + "/members/" + f.pupil2.accountId()), f.pupil2).getStatus()).isEqualTo(403);

		assertThat(call(delete("/api/v1/chat/rooms/" + chat + "/members/" + f.pupil2.accountId()), f.teacher).getStatus()).isEqualTo(204);
		assertThat(call(get("/api/v1/chat/rooms/" + chat + "/messages"), f.pupil2).getStatus()).isEqualTo(404);
		assertThat(call(delete("/api/v1/chat/rooms/" + chat + "/members/" + f.pupil2.accountId()), f.teacher).getStatus()).isEqualTo(404);
		assertThat(f.auditActions()).contains("chat.member.removed");
	}

	@Test
	void leadersPinAndUnpinAndEveryoneReadsThePins() throws Exception {
		UUID message = messages.post(f.teacher, room, "Klassenfahrt am 3. Mai").id();
		assertThat(call(put(api + "/pins/" + message), f.pupil).getStatus()).isEqualTo(403);
		assertThat(call(put(api + "/pins/" + UUID.randomUUID()), f.teacher).getStatus()).isEqualTo(404);

		assertThat(call(put(api + "/pins/" + message), f.teacher).getStatus()).isEqualTo(204);
		String pins = call(get(api + "/pins"), f.pupil).getContentAsString();
		assertThat(JsonPath.<List<String>>read(pins, "$[*].body")).containsExactly("Klassenfahrt am 3. Mai");

		assertThat(call(delete(api + "/pins/" + message), f.teacher).getStatus()).isEqualTo(204);
		assertThat(JsonPath.<List<String>>read(call(get(api + "/pins"), f.pupil).getContentAsString(), "$[*].body")).isEmpty();
		assertThat(f.auditActions()).contains("chat.message.pinned", "chat.message.unpinned");
	}

	@Test
	void aMemberReportsALeaderListsTheReportAndMarksItDone() throws Exception {
		UUID message = messages.post(f.pupil2, room, "Du bist doof").id();
		assertThat(call(json(post(api + "/messages/" + message + "/reports"), "{\"reason\":\"Beleidigung\"}"), f.pupil).getStatus()).isEqualTo(204);
		assertThat(call(json(post(api + "/messages/" + message + "/reports"), "{\"reason\":\"" + "x".repeat(501) + "\"}"), f.pupil2).getStatus())
			.isEqualTo(400);

		String open = call(get("/api/v1/chat/reports"), f.teacher).getContentAsString();
		assertThat(JsonPath.<List<String>>read(open, "$[*].body")).containsExactly("Du bist doof");
		assertThat(JsonPath.<List<String>>read(open, "$[*].reason")).containsExactly("Beleidigung");
		assertThat(JsonPath.<List<String>>read(open, "$[*].reporterName")).containsExactly("Paul Pult");
		String report = JsonPath.<List<String>>read(open, "$[*].id").get(0);
		// a member who does not lead the room neither sees nor settles it
		assertThat(JsonPath.<List<Object>>read(call(get("/api/v1/chat/reports"), f.pupil).getContentAsString(), "$")).isEmpty();
		assertThat(call(put("/api/v1/chat/reports/" + report + "/resolved"), f.pupil).getStatus()).isEqualTo(404);

		assertThat(call(put("/api/v1/chat/reports/" + report + "/resolved"), f.teacher).getStatus()).isEqualTo(204);
		assertThat(JsonPath.<List<Object>>read(call(get("/api/v1/chat/reports"), f.teacher).getContentAsString(), "$")).isEmpty();
		assertThat(f.auditActions()).contains("chat.message.reported", "chat.report.resolved");
	}

	private MockHttpServletResponse send(SchulhausUser who, String text) throws Exception {
		return call(json(post(api + "/messages"), "{\"body\":\"" + text + "\"}"), who);
	}

	private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private MockHttpServletResponse call(MockHttpServletRequestBuilder request, SchulhausUser who) throws Exception {
		return f.call(request.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON), who).getResponse();
	}
}
