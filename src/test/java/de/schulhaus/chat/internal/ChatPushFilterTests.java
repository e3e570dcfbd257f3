package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.ChatFixture;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Notification;

/** Web Push of the messenger held back in the quiet hours (pupils only) and for rooms a person muted. */
@IntegrationTest
class ChatPushFilterTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;
	@Autowired SchoolChatRules rules;
	@Autowired AccountManagement accounts;

	ChatFixture f;
	UUID room;

	@BeforeEach
	void setUp() throws Exception {
		f = new ChatFixture(mvc, groups, users, jdbc, audit, "Ruhezeit-Schule");
		room = f.awaitRoom(f.classA.id());
		rules.set(f.admin, new ChatRules(false, LocalTime.of(20, 0), LocalTime.of(7, 0), 0));
	}

	@Test
	void inTheQuietHoursPupilsGetNoChatPushButTeachersDo() {
		Notification chat = Notification.of("chat.mention", "chat.notification.report", "/chat/raum/" + room, "5a");
		Notification files = Notification.of("files.shared", "files.notification.shared", "/dateien", "x");
		ChatPushFilter evening = filterAt(21, 30);
		assertThat(pushes(evening, f.pupil.accountId(), chat)).isFalse();
		assertThat(pushes(evening, f.teacher.accountId(), chat)).isTrue();
		assertThat(pushes(evening, f.pupil.accountId(), files)).as("other modules' pushes are not the chat's to hold").isTrue();
		assertThat(pushes(filterAt(6, 59), f.pupil.accountId(), chat)).isFalse();
		assertThat(pushes(filterAt(7, 0), f.pupil.accountId(), chat)).isTrue();
		assertThat(pushes(filterAt(12, 0), f.pupil.accountId(), chat)).isTrue();
	}

	@Test
	void aRoomSomeoneMutedSendsThemNoPush() throws Exception {
		Notification chat = Notification.of("chat.mention", "chat.notification.report", "/chat/raum/" + room, "5a");
		ChatPushFilter noon = filterAt(12, 0);
		assertThat(f.page(get("/chat/raum/" + room), f.teacher)).contains(">Stummschalten</button>");
		f.form(post("/chat/raum/" + room + "/stummschalten").param("an", "true"), f.teacher);
		assertThat(f.page(get("/chat/raum/" + room), f.teacher)).contains(">Stummschaltung aufheben</button>");
		assertThat(pushes(noon, f.teacher.accountId(), chat)).isFalse();
		assertThat(pushes(noon, f.pupil.accountId(), chat)).as("only for who muted it").isTrue();
		assertThat(pushes(noon, f.teacher.accountId(),
				Notification.of("chat.mention", "chat.notification.report", "/chat/raum/" + UUID.randomUUID(), "x"))).isTrue();
		// from the room's menu, which leads back to the room and offers to undo it
		assertThat(f.form(post("/chat/raum/" + room + "/stummschalten").param("an", "false").param("zurueck", "raum"), f.teacher))
			.isEqualTo("/chat/raum/" + room);
		assertThat(pushes(noon, f.teacher.accountId(), chat)).isTrue();
	}

	@Test
	void oneLookUpAnswersForAllRecipientsOfANotification() throws Exception {
		Notification chat = Notification.of("chat.mention", "chat.notification.report", "/chat/raum/" + room, "5a");
		f.form(post("/chat/raum/" + room + "/stummschalten").param("an", "true"), f.teacher);
		List<Account> both = List.of(account(f.pupil.accountId()), account(f.teacher.accountId()));
		assertThat(filterAt(21, 30).heldBack(f.school.id(), both, chat))
			.as("in the quiet hours the pupil, and the teacher who muted the room")
			.containsExactlyInAnyOrder(f.pupil.accountId(), f.teacher.accountId());
		assertThat(filterAt(12, 0).heldBack(f.school.id(), both, chat)).containsExactly(f.teacher.accountId());
	}

	private boolean pushes(ChatPushFilter filter, UUID accountId, Notification notification) {
		return !filter.heldBack(f.school.id(), List.of(account(accountId)), notification).contains(accountId);
	}

	private Account account(UUID id) {
		return accounts.find(f.school.id(), id).orElseThrow();
	}

	private ChatPushFilter filterAt(int hour, int minute) {
		ZonedDateTime at = ZonedDateTime.of(2026, 12, 1, hour, minute, 0, 0, ZoneId.of("Europe/Berlin"));
		return new ChatPushFilter(rules, jdbc, Clock.fixed(at.toInstant(), ZoneId.of("UTC")));
	}
}
