package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.PersonalData;
import de.schulhaus.platform.SchulhausUser;

/** What a person wrote in the chat is in their data export, and gone after an erasure; others' messages stay. */
@IntegrationTest
class ChatPersonalDataTests {

	@Autowired MockMvc mvc;
	@Autowired AccountUserDetailsService users;
	@Autowired GroupManagement groups;
	@Autowired ChatRooms rooms;
	@Autowired ChatMessages messages;
	@Autowired PersonalData personalData;
	@Autowired ChatPersonalData chat;
	@Autowired MessageChanges changes;

	@Test
	void writtenMessagesAreExportedAndErased() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Auskunft-Schule");
		SchulhausUser admin = users.load(t.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-1", null).login())
			.orElseThrow().withTwoFactor(true);
		var pupilRef = t.createUser(school, "Pia", "Privat", "PUPIL", "pia-laterne-quitte-1", null);
		SchulhausUser pupil = users.load(pupilRef.login()).orElseThrow();
		SchulhausUser teacher = users.load(t.createUser(school, "Tom", "Tafel", "TEACHER", "tom-laterne-quitte-1", null).login()).orElseThrow();
		Group group = groups.create(school.id(), "8b", GroupKind.CLASS, null, admin);
		groups.addMember(school.id(), group.id(), pupil.accountId(), false, admin);
		groups.addMember(school.id(), group.id(), teacher.accountId(), true, admin);
		await().atMost(Duration.ofSeconds(20)).until(() -> rooms.ofGroup(school.id(), group.id()).isPresent());
		UUID room = rooms.ofGroup(school.id(), group.id()).orElseThrow().id();
		messages.post(pupil, room, "Meine erste Nachricht");
		ChatMessage answer = messages.post(teacher, room, "Antwort der Lehrkraft @Pia Privat");
		messages.post(pupil, room, "Danke!");
		changes.react(pupil, answer.id(), Reactions.EMOJI.get(0), true);

		DataSubject subject = new DataSubject(pupil.accountId(), school.id(), pupil.login(), "Pia Privat", Locale.GERMAN, Instant.EPOCH);
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		personalData.export(subject, admin, zip);
		Map<String, String> entries = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(entries.get("chat/nachrichten.json")).contains("Meine erste Nachricht", "Danke!", "8b").doesNotContain("Antwort der Lehrkraft");

		chat.erase(subject, admin);

		assertThat(messages.after(pupil, room, 0, 100)).extracting(ChatMessage::body).containsExactly("Antwort der Lehrkraft @Pia Privat");
		ChatMessage kept = messages.after(teacher, room, 0, 100).get(0);
		assertThat(kept.seq()).isEqualTo(2L);
		assertThat(kept.reactions()).as("her reaction goes with her").isEmpty();
		assertThat(kept.mentions()).as("and so does her mention").isEmpty();
	}

	@Autowired PrivateChats chats;
	@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void chatsTheyStartedAreExportedByNameAndTheirGroupChatIsLedOnAfterErasure() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Auskunft-Chats-Schule");
		SchulhausUser admin = users.load(t.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-1", null).login())
			.orElseThrow().withTwoFactor(true);
		SchulhausUser teacher = users.load(t.createUser(school, "Tom", "Tafel", "TEACHER", "tom-laterne-quitte-1", null).login()).orElseThrow();
		SchulhausUser pupil = users.load(t.createUser(school, "Pia", "Privat", "PUPIL", "pia-laterne-quitte-1", null).login()).orElseThrow();
		SchulhausUser colleague = users.load(t.createUser(school, "Carl", "Kollege", "TEACHER", "carl-laterne-quitte-1", null).login())
			.orElseThrow();
		UUID direct = chats.direct(teacher, pupil.accountId());
		UUID group = chats.group(teacher, "Fachschaft Mathe", List.of(colleague.accountId()));
		messages.post(teacher, direct, "Unter vier Augen");
		messages.post(teacher, group, "Treffen am Montag");

		DataSubject subject = new DataSubject(teacher.accountId(), school.id(), teacher.login(), "Tom Tafel", Locale.GERMAN, Instant.EPOCH);
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		personalData.export(subject, admin, zip);
		String json = null;
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				if (e.getName().equals("chat/nachrichten.json")) {
					json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
		}
		assertThat(json).contains("Direktchat", "Fachschaft Mathe", "Unter vier Augen").doesNotContain(pupil.accountId().toString());

		chat.erase(subject, admin);
		assertThat(jdbc.sql("select role from chat_member where room_id = :room").param("room", group).query(String.class).list())
			.containsExactly("starter");
		assertThat(chats.add(colleague, group, List.of(pupil.accountId()))).as("the colleague leads it now").isEqualTo(1);
	}
}
