package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.ChatFixture;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.NotificationsCreated;

/** Which new messages ring whose phone: a push only (nothing under the bell), never to the author, never with the text. */
@IntegrationTest
@RecordApplicationEvents
class MessagePushesTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;
	@Autowired ChatMessages messages;
	@Autowired PrivateChats chats;
	@Autowired Announcements announcements;
	@Autowired Notifications notifications;
	@Autowired ApplicationEvents events;

	ChatFixture f;
	UUID classRoom;

	@BeforeEach
	void setUp() throws Exception {
		f = new ChatFixture(mvc, groups, users, jdbc, audit, "Klingel-Schule");
		classRoom = f.awaitRoom(f.classA.id());
	}

	@Test
	void aDirectMessageRingsTheOtherPersonOnlyAndLeavesTheBellAlone() {
		UUID direct = chats.direct(f.teacher, f.pupil.accountId());
		events.clear();
		messages.post(f.teacher, direct, "Bitte denk an die Unterschrift.");

		NotificationsCreated push = single();
		assertThat(push.schoolId()).isEqualTo(f.school.id());
		assertThat(push.recipients()).containsExactly(new NotificationsCreated.Recipient(f.pupil.accountId(), null));
		assertThat(push.notification().titleKey()).isEqualTo("chat.notification.direct");
		assertThat(push.notification().titleArgs()).containsExactly("Tina Tafel").noneMatch(a -> a.contains("Unterschrift"));
		assertThat(push.notification().link()).isEqualTo("/chat/raum/" + direct);
		assertThat(notifications.unread(f.pupil)).as("the chat's own unread count tells, not the bell").isZero();
	}

	@Test
	void inAClassRoomTheTeachersMessagesRingThePupilsButPupilsTalkRingsNobody() {
		events.clear();
		messages.post(f.pupil, classRoom, "Hat jemand die Hausaufgabe?");
		assertThat(events.stream(NotificationsCreated.class)).isEmpty();

		messages.post(f.teacher, classRoom, "Morgen fällt die erste Stunde aus.");
		assertThat(single().recipients()).extracting(NotificationsCreated.Recipient::accountId)
			.containsExactlyInAnyOrder(f.pupil.accountId(), f.pupil2.accountId());
		events.clear();

		// who is mentioned gets the mention, not a second push
		messages.post(f.teacher, classRoom, "@Paul Pult bitte melden.");
		List<NotificationsCreated> both = events.stream(NotificationsCreated.class).toList();
		assertThat(both).filteredOn(e -> e.notification().kind().equals("chat.mention")).singleElement()
			.satisfies(e -> assertThat(e.recipients()).extracting(NotificationsCreated.Recipient::accountId).containsExactly(f.pupil.accountId()));
		assertThat(both).filteredOn(e -> e.notification().kind().equals("chat.message")).singleElement()
			.satisfies(e -> assertThat(e.recipients()).extracting(NotificationsCreated.Recipient::accountId).containsExactly(f.pupil2.accountId()));
	}

	@Test
	void aGroupChatRingsItsMembersAndAnAnnouncementEveryoneButTheAuthor() {
		UUID group = chats.group(f.teacher, "Projekt Wasser", List.of(f.pupil.accountId(), f.pupil2.accountId()));
		events.clear();
		messages.post(f.pupil, group, "Treffen um 10?");
		NotificationsCreated push = single();
		assertThat(push.recipients()).extracting(NotificationsCreated.Recipient::accountId)
			.containsExactlyInAnyOrder(f.pupil2.accountId(), f.teacher.accountId()).doesNotContain(f.pupil.accountId());
		assertThat(push.notification().titleArgs()).containsExactly("Paul Pult", "Projekt Wasser");
		events.clear();

		UUID announce = announcements.room(f.school.id()).id();
		messages.post(f.admin, announce, "Am Freitag ist Schulfest.");
		assertThat(single().recipients()).extracting(NotificationsCreated.Recipient::accountId)
			.contains(f.teacher.accountId(), f.pupil.accountId(), f.pupil2.accountId()).doesNotContain(f.admin.accountId());
	}

	private NotificationsCreated single() {
		return events.stream(NotificationsCreated.class).filter(e -> e.notification().kind().equals("chat.message")).reduce((a, b) -> {
			throw new AssertionError("more than one push: " + a + ", " + b);
		}).orElseThrow(() -> new AssertionError("no push"));
	}
}
