package de.schulhaus.chat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.files.CloudFiles;
import de.schulhaus.platform.SchulhausUser;

/** Files posted with a message: stored in the poster's own files, read by the room's members only, while they are members. */
@IntegrationTest
class ChatAttachmentsTests {

	/** The smallest PNG: one transparent pixel. */
	static final byte[] PNG = java.util.Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired CloudFiles cloudFiles;
	@Autowired de.schulhaus.files.internal.Spaces fileSpaces;

	TestSchools schools;
	TestSchools.SchoolRef school;
	SchulhausUser admin;
	SchulhausUser teacher;
	SchulhausUser pupil;
	SchulhausUser classmate;
	Group classA;
	UUID room;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Anhang-Schule");
		admin = person("Ada", "Admin", "SCHOOL_ADMIN").withTwoFactor(true);
		teacher = person("Tina", "Tafel", "TEACHER");
		pupil = person("Paul", "Pult", "PUPIL");
		classmate = person("Kira", "Klasse", "PUPIL");
		classA = groups.create(school.id(), "5a", GroupKind.CLASS, null, admin);
		groups.addMember(school.id(), classA.id(), teacher.accountId(), true, admin);
		groups.addMember(school.id(), classA.id(), pupil.accountId(), false, admin);
		groups.addMember(school.id(), classA.id(), classmate.accountId(), false, admin);
		room = awaitRoom(classA.id());
	}

	@Test
	void aPictureGoesIntoThePostersFilesAndTheRoomsMembersSeeItInline() throws Exception {
		MockHttpServletResponse posted = call(multipart("/api/v1/chat/rooms/" + room + "/attachments")
			.file(new MockMultipartFile("file", "Tafelbild.png", "image/png", PNG)).param("body", "Das Tafelbild von heute"), pupil);
		assertThat(posted.getStatus()).as(posted.getContentAsString()).isEqualTo(201);
		String json = posted.getContentAsString();
		assertThat(JsonPath.<String>read(json, "$.body")).isEqualTo("Das Tafelbild von heute");
		assertThat(JsonPath.<String>read(json, "$.attachments[0].name")).isEqualTo("Tafelbild.png");
		assertThat(JsonPath.<Integer>read(json, "$.attachments[0].size")).isEqualTo(PNG.length);
		assertThat(JsonPath.<Boolean>read(json, "$.attachments[0].image")).isTrue();
		String href = JsonPath.read(json, "$.attachments[0].href");

		// the file lies in the poster's own files, folder Chat-Anhänge, and only the poster sees it there
		List<CloudFiles.CloudFile> mine = cloudFiles.search(pupil, "Tafelbild", 5);
		assertThat(mine).singleElement().satisfies(f -> assertThat(f.place()).isEqualTo("/Chat-Anhänge"));
		assertThat(cloudFiles.search(teacher, "Tafelbild", 5)).isEmpty();
		assertThat(cloudFiles.readable(classmate, mine.get(0).id())).isEmpty();

		// the room's members open it from the chat, shown inline as a picture
		for (SchulhausUser member : List.of(teacher, classmate, pupil)) {
			MockHttpServletResponse opened = call(get(href), member);
			assertThat(opened.getStatus()).isEqualTo(200);
			assertThat(opened.getContentType()).isEqualTo("image/png");
			assertThat(opened.getHeader("Content-Disposition")).startsWith("inline");
			assertThat(opened.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(opened.getContentAsByteArray()).isEqualTo(PNG);
		}
		// and the room's page of messages carries it
		String page = call(get("/api/v1/chat/rooms/" + room + "/messages"), classmate).getContentAsString();
		assertThat(JsonPath.<List<String>>read(page, "$[*].attachments[*].name")).containsExactly("Tafelbild.png");
	}

	@Test
	void otherFilesAreDownloadsNamedAfterThemAndTheNameIsTheTextWhenThereIsNone() throws Exception {
		MockHttpServletResponse posted = call(multipart("/api/v1/chat/rooms/" + room + "/attachments")
			.file(new MockMultipartFile("file", "Arbeitsblatt Brüche.pdf", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII))), teacher);
		assertThat(posted.getStatus()).as(posted.getContentAsString()).isEqualTo(201);
		assertThat(JsonPath.<String>read(posted.getContentAsString(), "$.body")).isEqualTo("Arbeitsblatt Brüche.pdf");
		assertThat(JsonPath.<Boolean>read(posted.getContentAsString(), "$.attachments[0].image")).isFalse();
		MockHttpServletResponse opened = call(get(JsonPath.<String>read(posted.getContentAsString(), "$.attachments[0].href")), pupil);
		assertThat(opened.getStatus()).isEqualTo(200);
		assertThat(opened.getContentType()).isEqualTo("application/octet-stream");
		assertThat(opened.getHeader("Content-Disposition")).startsWith("attachment").contains("UTF-8''Arbeitsblatt%20Br%C3%BCche.pdf");
		assertThat(opened.getContentAsString()).isEqualTo("%PDF-1.4");
	}

	@Test
	void onlyMembersReadItAndOnlyWhileTheyAreMembers() throws Exception {
		String href = postPicture(pupil);
		var other = schools.createSchool("Andere Schule");
		SchulhausUser stranger = users.load(schools.createUser(other, "Otto", "Fremd", "TEACHER", "fremd-laterne-quitte-1", null).login()).orElseThrow();
		SchulhausUser outsider = person("Olaf", "Außen", "TEACHER");
		assertThat(call(get(href), stranger).getStatus()).isEqualTo(404);
		assertThat(call(get(href), outsider).getStatus()).isEqualTo(404);
		// not even the school's admin outside the class
		assertThat(call(get(href), admin).getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/chat/attachments/" + UUID.randomUUID()), teacher).getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/chat/attachments/kein-id"), teacher).getStatus()).isEqualTo(404);

		assertThat(call(get(href), classmate).getStatus()).isEqualTo(200);
		groups.removeMember(school.id(), classA.id(), classmate.accountId(), admin);
		assertThat(call(get(href), classmate).getStatus()).isEqualTo(404);
		// nor may an outsider post into the room
		assertThat(call(multipart("/api/v1/chat/rooms/" + room + "/attachments").file(new MockMultipartFile("file", "x.png", "image/png", PNG)), outsider)
			.getStatus()).isEqualTo(404);
	}

	@Test
	void aDeletedMessageOrADeletedFileTakesTheAttachmentAway() throws Exception {
		MockHttpServletResponse posted = call(multipart("/api/v1/chat/rooms/" + room + "/attachments")
			.file(new MockMultipartFile("file", "Foto.png", "image/png", PNG)), pupil);
		String href = JsonPath.read(posted.getContentAsString(), "$.attachments[0].href");
		String message = JsonPath.read(posted.getContentAsString(), "$.id");
		assertThat(call(delete("/api/v1/chat/messages/" + message), pupil).getStatus()).isEqualTo(200);
		assertThat(call(get(href), teacher).getStatus()).isEqualTo(404);
		String page = call(get("/api/v1/chat/rooms/" + room + "/messages"), teacher).getContentAsString();
		assertThat(JsonPath.<List<Object>>read(page, "$[0].attachments")).isEmpty();

		// the poster deletes the file from their own files: the chat no longer has it
		String second = postPicture(pupil);
		UUID file = cloudFiles.search(pupil, "Tafel", 5).get(0).id();
		jdbc.sql("update file_node set trashed_at = current_timestamp where id = :id").param("id", file).update();
		assertThat(call(get(second), teacher).getStatus()).isEqualTo(404);
	}

	@Test
	void tooLargeOrMissingFilesAreRefusedClearlyAndNothingIsStored() throws Exception {
		byte[] big = new byte[25 * 1024 * 1024 + 1];
		MockHttpServletResponse tooLarge = call(multipart("/api/v1/chat/rooms/" + room + "/attachments")
			.file(new MockMultipartFile("file", "Film.mp4", "video/mp4", big)).header("Accept-Language", "de"), pupil);
		assertThat(tooLarge.getStatus()).isEqualTo(413);
		assertThat(tooLarge.getContentType()).isEqualTo("application/problem+json");
		assertThat(JsonPath.<String>read(tooLarge.getContentAsString(StandardCharsets.UTF_8), "$.detail")).contains("höchstens 25 MB");

		MockHttpServletResponse empty = call(multipart("/api/v1/chat/rooms/" + room + "/attachments")
			.file(new MockMultipartFile("file", "leer.txt", "text/plain", new byte[0])), pupil);
		assertThat(empty.getStatus()).isEqualTo(400);
		assertThat(call(multipart("/api/v1/chat/rooms/" + room + "/attachments").param("body", "ohne Datei"), pupil).getStatus()).isEqualTo(400);

		assertThat(jdbc.sql("select count(*) from chat_message where room_id = :room").param("room", room).query(Long.class).single()).isZero();
		assertThat(cloudFiles.search(pupil, "Film", 5)).isEmpty();
		assertThat(cloudFiles.search(pupil, "leer", 5)).isEmpty();
	}

	@Test
	void thePagesFormTakesAFileWithoutScriptAndShowsPicturesInlineAndFilesAsDownloads() throws Exception {
		MockHttpServletResponse sent = call(multipart("/chat/raum/" + room).file(new MockMultipartFile("datei", "Klassenfoto.png", "image/png", PNG))
			.param("text", "Unser Foto"), pupil);
		assertThat(sent.getStatus()).isEqualTo(302);
		call(multipart("/chat/raum/" + room).file(new MockMultipartFile("datei", "Liste.pdf", "application/pdf", "%PDF".getBytes(StandardCharsets.US_ASCII))),
				teacher);
		String page = call(get("/chat/raum/" + room), classmate).getContentAsString(StandardCharsets.UTF_8);
		UUID picture = attachmentNamed("Klassenfoto.png");
		UUID pdf = attachmentNamed("Liste.pdf");
		// the list shows the picture's small copy, the link opens the picture
		assertThat(page).contains("href=\"/api/v1/chat/attachments/" + picture + "\" target=\"_blank\"")
			.contains("src=\"/api/v1/chat/attachments/" + picture + "/preview\"").contains("alt=\"Klassenfoto.png\"");
		assertThat(page).contains("<span class=\"hint\">70 Bytes</span>").contains("<span class=\"hint\">4 Bytes</span>");
		assertThat(page).containsPattern("<a class=\"chat-file\" href=\"/api/v1/chat/attachments/" + pdf + "\" download>");
		// the composer takes files and says how large
		assertThat(page).contains("enctype=\"multipart/form-data\"").contains("name=\"datei\"").contains("bis 25 MB");

		// too large without script: the German message on the page, nothing posted
		MockHttpServletResponse tooLarge = call(multipart("/chat/raum/" + room)
			.file(new MockMultipartFile("datei", "Film.mp4", "video/mp4", new byte[25 * 1024 * 1024 + 1])), pupil);
		assertThat(tooLarge.getStatus()).isEqualTo(413);
		assertThat(tooLarge.getContentAsString(StandardCharsets.UTF_8)).contains("Die Datei ist zu groß");
		assertThat(jdbc.sql("select count(*) from chat_message where room_id = :room").param("room", room).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void aFileOfOnesOwnFilesIsPickedAndPostedByReferenceButAGroupSpacesFileIsNot() throws Exception {
		CloudFiles.CloudFile own = cloudFiles.saveToMyFiles(teacher, "Elternbrief.pdf", "application/pdf",
				new java.io.ByteArrayInputStream("%PDF-brief".getBytes(StandardCharsets.US_ASCII)));
		String found = call(get("/api/v1/chat/my-files?q=eltern"), teacher).getContentAsString();
		assertThat(JsonPath.<List<String>>read(found, "$[*].name")).containsExactly("Elternbrief.pdf");
		// the picker lists only one's own files: the pupil finds nothing of the teacher's
		assertThat(JsonPath.<List<String>>read(call(get("/api/v1/chat/my-files?q=eltern"), pupil).getContentAsString(), "$[*].name")).isEmpty();

		MockHttpServletResponse posted = call(post("/api/v1/chat/rooms/" + room + "/my-files").contentType(MediaType.APPLICATION_JSON)
			.content("{\"fileId\":\"" + own.id() + "\",\"body\":\"Bitte bis Freitag unterschreiben\"}"), teacher);
		assertThat(posted.getStatus()).as(posted.getContentAsString()).isEqualTo(201);
		assertThat(JsonPath.<String>read(posted.getContentAsString(), "$.attachments[0].name")).isEqualTo("Elternbrief.pdf");
		String href = JsonPath.read(posted.getContentAsString(), "$.attachments[0].href");
		assertThat(call(get(href), pupil).getContentAsString()).isEqualTo("%PDF-brief");
		// it stays in /dateien the teacher's alone, and nothing was copied
		assertThat(cloudFiles.readable(pupil, own.id())).isEmpty();
		assertThat(cloudFiles.search(teacher, "Elternbrief", 5)).hasSize(1);
		// a leaver loses it
		groups.removeMember(school.id(), classA.id(), pupil.accountId(), admin);
		assertThat(call(get(href), pupil).getStatus()).isEqualTo(404);

		// someone else's file id, one of another space, or no id: a precise refusal, nothing posted
		MockHttpServletResponse foreign = call(post("/api/v1/chat/rooms/" + room + "/my-files").contentType(MediaType.APPLICATION_JSON)
			.content("{\"fileId\":\"" + own.id() + "\"}"), classmate);
		assertThat(foreign.getStatus()).isEqualTo(400);
		assertThat(JsonPath.<String>read(foreign.getContentAsString(StandardCharsets.UTF_8), "$.detail")).contains("gibt es in Ihren Dateien nicht");
		assertThat(call(post("/api/v1/chat/rooms/" + room + "/my-files").contentType(MediaType.APPLICATION_JSON).content("{\"fileId\":\"x\"}"), teacher)
			.getStatus()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from chat_message where room_id = :room").param("room", room).query(Long.class).single()).isEqualTo(1);
		// a file of the class's space is not attached: members of the room outside the group could read it then
		var space = fileSpaces.find(teacher, classA.id().toString()).orElseThrow();
		fileSpaces.open(space).writeNew(de.schulhaus.dav.DavPath.ROOT, "Sitzplan.pdf", new java.io.ByteArrayInputStream("%PDF".getBytes()),
				"application/pdf", -1);
		UUID shared = cloudFiles.search(teacher, "Sitzplan", 5).get(0).id();
		assertThat(JsonPath.<List<String>>read(call(get("/api/v1/chat/my-files?q=sitz"), teacher).getContentAsString(), "$[*].name")).isEmpty();
		MockHttpServletResponse groupFile = call(post("/api/v1/chat/rooms/" + room + "/my-files").contentType(MediaType.APPLICATION_JSON)
			.content("{\"fileId\":\"" + shared + "\"}"), teacher);
		assertThat(groupFile.getStatus()).isEqualTo(400);
		assertThat(JsonPath.<String>read(groupFile.getContentAsString(StandardCharsets.UTF_8), "$.detail")).contains("Link der Datei");
		assertThat(jdbc.sql("select count(*) from chat_message where room_id = :room").param("room", room).query(Long.class).single()).isEqualTo(1);
		// a room the caller does not read: 404
		SchulhausUser outsider = person("Olaf", "Außen", "TEACHER");
		assertThat(call(post("/api/v1/chat/rooms/" + room + "/my-files").contentType(MediaType.APPLICATION_JSON)
			.content("{\"fileId\":\"" + own.id() + "\"}"), outsider).getStatus()).isEqualTo(404);
	}

	@Autowired de.schulhaus.calendar.internal.Calendars calendars;
	@Autowired de.schulhaus.calendar.internal.CalendarObjects calendarObjects;

	@Test
	void aLinkToAnEventOrAFileIsACardOnlyForThoseWhoMaySeeIt() throws Exception {
		var classCalendar = calendars.visibleTo(teacher).stream().filter(c -> c.id().equals(classA.id())).findFirst().orElseThrow();
		var personal = calendars.visibleTo(teacher).stream().filter(c -> c.ownerId() != null && c.ownerId().equals(teacher.accountId())
				&& c.kind().name().equals("PERSON")).findFirst().orElseThrow();
		putEvent(classCalendar, "wandertag.ics", "Wandertag zum Rhein");
		putEvent(personal, "arzt.ics", "Arzttermin Tina");
		String eventLink = "http://localhost/kalender/" + classA.id() + "/termin?name=wandertag.ics";
		String card = call(get("/api/v1/chat/link-card").param("url", eventLink), pupil).getContentAsString(StandardCharsets.UTF_8);
		assertThat(JsonPath.<String>read(card, "$.kind")).isEqualTo("event");
		assertThat(JsonPath.<String>read(card, "$.title")).isEqualTo("Wandertag zum Rhein");
		assertThat(JsonPath.<String>read(card, "$.start")).startsWith("2026-12-03");
		assertThat(JsonPath.<String>read(card, "$.href")).isEqualTo("/kalender/" + classA.id() + "/termin?name=wandertag.ics");
		// someone outside the class, and another's personal calendar: the 404 of nothing, no title
		SchulhausUser outsider = person("Olaf", "Außen", "TEACHER");
		MockHttpServletResponse hidden = call(get("/api/v1/chat/link-card").param("url", eventLink), outsider);
		assertThat(hidden.getStatus()).isEqualTo(404);
		assertThat(hidden.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("Wandertag");
		MockHttpServletResponse privateOne = call(get("/api/v1/chat/link-card")
			.param("url", "/kalender/" + personal.id() + "/termin?name=arzt.ics"), pupil);
		assertThat(privateOne.getStatus()).isEqualTo(404);
		assertThat(privateOne.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("Arzt");
		// another host's address is no card, whatever its path
		assertThat(call(get("/api/v1/chat/link-card").param("url", "https://example.org/kalender/" + classA.id() + "/termin?name=wandertag.ics"), pupil)
			.getStatus()).isEqualTo(404);

		// a file of the class's space: a card for the class, nothing for the outsider; the teacher's own file: only the teacher
		var space = fileSpaces.find(teacher, classA.id().toString()).orElseThrow();
		fileSpaces.open(space).writeNew(de.schulhaus.dav.DavPath.ROOT, "Sitzplan 5a.pdf", new java.io.ByteArrayInputStream("%PDF".getBytes()),
				"application/pdf", -1);
		String fileLink = "/dateien/" + classA.id() + "/details?pfad=/Sitzplan%205a.pdf";
		String fileCard = call(get("/api/v1/chat/link-card").param("url", fileLink), pupil).getContentAsString(StandardCharsets.UTF_8);
		assertThat(JsonPath.<String>read(fileCard, "$.kind")).isEqualTo("file");
		assertThat(JsonPath.<String>read(fileCard, "$.name")).isEqualTo("Sitzplan 5a.pdf");
		assertThat(JsonPath.<Integer>read(fileCard, "$.size")).isEqualTo(4);
		assertThat(call(get("/api/v1/chat/link-card").param("url", fileLink), outsider).getStatus()).isEqualTo(404);
		cloudFiles.saveToMyFiles(teacher, "Noten.pdf", "application/pdf", new java.io.ByteArrayInputStream("%PDF".getBytes()));
		assertThat(call(get("/api/v1/chat/link-card").param("url", "/dateien/meine/details?pfad=/Noten.pdf"), teacher).getStatus()).isEqualTo(200);
		// "meine" is always the reader's own files: the pupil has no such file
		assertThat(call(get("/api/v1/chat/link-card").param("url", "/dateien/meine/details?pfad=/Noten.pdf"), pupil).getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/chat/link-card").param("url", "/dateien/meine/details?pfad=/../x"), pupil).getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/chat/link-card").param("url", "nicht: eine adresse"), pupil).getStatus()).isEqualTo(404);
	}

	private void putEvent(de.schulhaus.calendar.internal.Calendar calendar, String name, String title) {
		String text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Schulhaus//Tests//DE\r\nBEGIN:VEVENT\r\nUID:" + name
				+ "\r\nDTSTAMP:20261130T120000Z\r\nDTSTART:20261203T080000Z\r\nDTEND:20261203T090000Z\r\nSUMMARY:" + title
				+ "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
		calendarObjects.put(calendar, name, de.schulhaus.calendar.internal.CalendarData.parse(
				new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 100_000));
	}

	private UUID attachmentNamed(String name) {
		return jdbc.sql("select id from chat_attachment where room_id = :room and name = :name").param("room", room).param("name", name).query(UUID.class)
			.single();
	}

	private String postPicture(SchulhausUser who) throws Exception {
		MockHttpServletResponse posted = call(multipart("/api/v1/chat/rooms/" + room + "/attachments")
			.file(new MockMultipartFile("file", "Tafel.png", "image/png", PNG)), who);
		assertThat(posted.getStatus()).as(posted.getContentAsString()).isEqualTo(201);
		return JsonPath.read(posted.getContentAsString(), "$.attachments[0].href");
	}

	private MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, SchulhausUser who) throws Exception {
		return mvc.perform(request.with(user(who)).with(csrf())).andReturn().getResponse();
	}

	private UUID awaitRoom(UUID groupId) {
		await().atMost(Duration.ofSeconds(20)).until(() -> roomOf(groupId).isPresent());
		return roomOf(groupId).orElseThrow();
	}

	private Optional<UUID> roomOf(UUID groupId) {
		return jdbc.sql("select id from chat_room where school_id = :school and group_id = :group").param("school", school.id())
			.param("group", groupId).query(UUID.class).optional();
	}

	private SchulhausUser person(String first, String last, String role) throws Exception {
		return users.load(schools.createUser(school, first, last, role, first.toLowerCase() + "-laterne-quitte-1", null).login()).orElseThrow();
	}
}
