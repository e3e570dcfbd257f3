package de.schulhaus.chat.web;

import static de.schulhaus.chat.ChatFixture.problem;
import static de.schulhaus.chat.ChatFixture.roomIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.ChatFixture;
import de.schulhaus.chat.internal.ChatMessages;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.SchulhausUser;

/** The room leaders' tools and reporting, through the forms, with what members see and the audit log. */
@IntegrationTest
class ChatModerationWebTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;
	@Autowired ChatMessages messages;
	@Autowired Notifications notifications;

	ChatFixture f;
	UUID room;

	@BeforeEach
	void setUp() throws Exception {
		f = new ChatFixture(mvc, groups, users, jdbc, audit, "Chat-Moderations-Schule");
		room = f.awaitRoom(f.classA.id());
	}

	@Test
	void aLockedRoomIsWrittenByItsLeadersOnlyAndMembersSeeWhy() throws Exception {
		assertThat(problem(f.call(post("/chat/raum/" + room + "/sperre"), f.pupil))).contains("nur die Leitung");
		assertThat(send(f.pupil, "noch offen").getStatus()).isEqualTo(201);

		f.form(post("/chat/raum/" + room + "/sperre").param("gesperrt", "true"), f.teacher);
		MockHttpServletResponse refused = send(f.pupil, "Hallo?");
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.detail")).contains("gesperrt");
		assertThat(f.page(get("/chat/raum/" + room), f.pupil)).contains("Dieser Raum ist gesperrt").doesNotContain("id=\"chat-composer\"");
		assertThat(send(f.teacher, "Bitte jetzt zuhören.").getStatus()).isEqualTo(201);
		String rooms = f.call(get("/api/v1/chat/rooms"), f.pupil).getResponse().getContentAsString();
		assertThat(JsonPath.<List<Boolean>>read(rooms, "$[?(@.kind == 'GROUP')].locked")).containsExactly(true);
		assertThat(JsonPath.<List<Boolean>>read(rooms, "$[?(@.kind == 'GROUP')].mayPost")).containsExactly(false);
		assertThat(JsonPath.<List<String>>read(rooms, "$[?(@.kind == 'GROUP')].notPosting")).singleElement().asString().contains("gesperrt");
		assertThat(JsonPath.<List<Boolean>>read(f.call(get("/api/v1/chat/rooms"), f.teacher).getResponse().getContentAsString(),
				"$[?(@.kind == 'GROUP')].leader")).containsExactly(true);
		assertThat(f.page(get("/chat/raum/" + room), f.teacher)).contains("id=\"chat-composer\"");

		f.form(post("/chat/raum/" + room + "/sperre").param("gesperrt", "false"), f.teacher);
		assertThat(send(f.pupil, "Danke").getStatus()).isEqualTo(201);
		assertThat(f.auditActions()).contains("chat.room.locked", "chat.room.unlocked");
	}

	@Test
	void aMutedMemberReadsOnAndSeesUntilWhen() throws Exception {
		Instant before = Instant.now();
		f.form(post("/chat/raum/" + room + "/mitglieder/" + f.pupil.accountId() + "/stumm").param("dauer", "15m"), f.teacher);
		String until = DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm").format(before.plus(15, ChronoUnit.MINUTES).atZone(ZoneId.of("Europe/Berlin")));
		String untilLater = DateTimeFormatter.ofPattern("dd.MM.yyyy, HH:mm").format(before.plus(16, ChronoUnit.MINUTES).atZone(ZoneId.of("Europe/Berlin")));

		MockHttpServletResponse refused = send(f.pupil, "Aber ich!");
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.detail")).contains("stummgeschaltet").containsAnyOf(until, untilLater);
		assertThat(f.page(get("/chat/raum/" + room), f.pupil)).contains("Sie sind in diesem Raum bis").doesNotContain("id=\"chat-composer\"");
		assertThat(send(f.pupil2, "Ich darf").getStatus()).isEqualTo(201);
		assertThat(f.page(get("/chat/raum/" + room + "/einstellungen"), f.teacher)).contains("stummgeschaltet bis");

		// a leader is not muted, nor is someone who is not in the room (a 404), nor a made-up length
		assertThat(problem(f.call(post("/chat/raum/" + room + "/mitglieder/" + f.teacher.accountId() + "/stumm"), f.teacher))).isNotNull();
		SchulhausUser outsider = f.person("Otto", "Außen", "PUPIL");
		assertThat(f.call(post("/chat/raum/" + room + "/mitglieder/" + outsider.accountId() + "/stumm"), f.teacher).getResponse().getStatus())
			.isEqualTo(404);
		assertThat(problem(f.call(post("/chat/raum/" + room + "/mitglieder/" + f.pupil2.accountId() + "/stumm").param("dauer", "1y"), f.teacher)))
			.contains("wie lange");
		assertThat(problem(f.call(post("/chat/raum/" + room + "/mitglieder/" + f.pupil2.accountId() + "/stumm"), f.pupil))).contains("Leitung");

		f.form(post("/chat/raum/" + room + "/mitglieder/" + f.pupil.accountId() + "/stumm-aufheben"), f.teacher);
		assertThat(send(f.pupil, "Wieder da").getStatus()).isEqualTo(201);
		assertThat(f.auditActions()).contains("chat.member.muted", "chat.member.unmuted");
	}

	@Test
	void removingFromAClassRoomMutesUntilLiftedAndFromAGroupChatRemoves() throws Exception {
		f.form(post("/chat/raum/" + room + "/mitglieder/" + f.pupil.accountId() + "/entfernen"), f.teacher);
		MockHttpServletResponse refused = send(f.pupil, "Hallo?");
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.detail")).contains("bis die Leitung es aufhebt");
		assertThat(f.page(get("/chat/raum/" + room + "/einstellungen"), f.teacher)).contains("stummgeschaltet bis auf Weiteres");

		UUID chat = roomIn(f.form(post("/chat/neu").param("name", "Theater-AG").param("personen", f.pupil2.accountId().toString()), f.teacher));
		f.form(post("/chat/raum/" + chat + "/mitglieder/" + f.pupil2.accountId() + "/entfernen"), f.teacher);
		assertThat(f.call(get("/chat/raum/" + chat), f.pupil2).getResponse().getStatus()).isEqualTo(404);
		assertThat(f.auditActions()).contains("chat.member.removed", "chat.member.muted");
	}

	@Test
	void leadersPinMessagesThatEveryoneSeesAtTheTop() throws Exception {
		UUID message = messages.post(f.teacher, room, "Klassenfahrt am 3. Mai").id();
		messages.post(f.pupil, room, "Cool!");
		assertThat(problem(f.call(post("/chat/raum/" + room + "/nachrichten/" + message + "/anheften"), f.pupil))).contains("Leitung");
		assertThat(f.page(get("/chat/raum/" + room), f.pupil)).doesNotContain("Angeheftet");

		f.form(post("/chat/raum/" + room + "/nachrichten/" + message + "/anheften"), f.teacher);
		String page = f.page(get("/chat/raum/" + room), f.pupil);
		assertThat(page).contains("Angeheftet");
		assertThat(page.indexOf("Klassenfahrt am 3. Mai")).as("the pinned one above the log").isLessThan(page.indexOf("id=\"chat-log\""));

		f.form(post("/chat/raum/" + room + "/nachrichten/" + message + "/anheften").param("angeheftet", "false"), f.teacher);
		assertThat(f.page(get("/chat/raum/" + room), f.pupil)).doesNotContain("Angeheftet");
		// a message of another room is not found there
		UUID chat = roomIn(f.form(post("/chat/neu").param("direkt", f.pupil.accountId().toString()), f.teacher));
		UUID elsewhere = messages.post(f.teacher, chat, "privat").id();
		assertThat(f.call(post("/chat/raum/" + room + "/nachrichten/" + elsewhere + "/anheften"), f.teacher).getResponse().getStatus()).isEqualTo(404);
		assertThat(f.auditActions()).contains("chat.message.pinned", "chat.message.unpinned");
	}

	@Test
	void aReportedMessageReachesTheRoomsLeadersWhoSettleIt() throws Exception {
		UUID message = messages.post(f.pupil2, room, "Paul ist doof").id();
		assertThat(f.page(get("/chat/raum/" + room + "/nachrichten/" + message + "/melden"), f.pupil)).contains("Paul ist doof");
		assertThat(f.form(post("/chat/raum/" + room + "/nachrichten/" + message + "/melden").param("grund", "Beleidigung"), f.pupil))
			.isEqualTo("/chat/raum/" + room);
		assertThat(problem(f.call(post("/chat/raum/" + room + "/nachrichten/" + message + "/melden").param("grund", "x".repeat(501)), f.pupil)))
			.contains("höchstens 500");

		assertThat(notifications.newestFirst(f.teacher, 0, 10)).anySatisfy(n -> {
			assertThat(n.kind()).isEqualTo("chat.report");
			assertThat(n.link()).isEqualTo("/chat/meldungen");
		});
		assertThat(notifications.newestFirst(f.pupil2, 0, 10)).noneMatch(n -> n.kind().equals("chat.report"));
		String list = f.page(get("/chat/meldungen"), f.teacher);
		assertThat(list).contains("Paul ist doof").contains("Beleidigung").contains("Paul Pult");
		assertThat(f.page(get("/chat/meldungen"), f.pupil)).contains("keine offenen Meldungen").doesNotContain("Paul ist doof");

		UUID report = jdbc.sql("select id from chat_report where message_id = :m").param("m", message).query(UUID.class).single();
		assertThat(f.call(post("/chat/meldungen/" + report + "/erledigt"), f.pupil).getResponse().getStatus()).isEqualTo(404);
		f.form(post("/chat/meldungen/" + report + "/erledigt"), f.teacher);
		assertThat(f.page(get("/chat/meldungen"), f.teacher)).doesNotContain("Paul ist doof");
		assertThat(f.auditActions()).contains("chat.message.reported", "chat.report.resolved");
	}

	@Test
	void aReportFromADirectChatGoesToTheSchoolsAdmins() throws Exception {
		UUID chat = roomIn(f.form(post("/chat/neu").param("direkt", f.pupil.accountId().toString()), f.teacher));
		UUID message = messages.post(f.teacher, chat, "Unpassend").id();
		f.form(post("/chat/raum/" + chat + "/nachrichten/" + message + "/melden"), f.pupil);
		assertThat(notifications.newestFirst(f.admin, 0, 10)).anyMatch(n -> n.kind().equals("chat.report"));
		assertThat(f.page(get("/chat/meldungen"), f.admin)).contains("Unpassend").contains("Direktchat");
		assertThat(f.page(get("/chat/meldungen"), f.teacher)).doesNotContain("Unpassend");
	}

	private MockHttpServletResponse send(SchulhausUser who, String text) throws Exception {
		return f.call(post("/api/v1/chat/rooms/" + room + "/messages").contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"" + text + "\"}"),
				who).getResponse();
	}
}
