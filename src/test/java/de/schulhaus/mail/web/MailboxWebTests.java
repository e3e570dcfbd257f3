package de.schulhaus.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.files.CloudFiles;
import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.platform.BadgeProvider;
import de.schulhaus.platform.SchulhausUser;

/** The webmail's mailbox and reading pane over HTTP, as a teacher uses them. */
@IntegrationTest
class MailboxWebTests {

	@Autowired MockMvc mvc;
	@Autowired AccountUserDetailsService users;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageStore store;
	@Autowired List<BadgeProvider> badges;
	@Autowired CloudFiles cloud;

	MailFixtures mail;
	SchulhausUser anna;
	SchulhausUser other;

	@BeforeEach
	void setUp() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Webmail-Schule");
		anna = principal(schools.createUser(school, "Anna", "Amsel", "TEACHER", "lang-genug-passwort-1", null).login());
		var elsewhere = schools.createSchool("Andere Schule");
		other = principal(schools.createUser(elsewhere, "Otto", "Ort", "TEACHER", "lang-genug-passwort-2", null).login());
		mail = new MailFixtures(mailboxes, folders, store);
	}

	private SchulhausUser principal(String login) {
		SchulhausUser u = users.load(login).orElseThrow();
		u.eraseCredentials();
		return u.withTwoFactor(false);
	}

	private String page(SchulhausUser who, String url) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(url).with(user(who))).andReturn().getResponse();
		assertThat(response.getStatus()).as(url).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private long badge(SchulhausUser who) {
		return badges.stream().filter(b -> b.appKey().equals("mail")).mapToLong(b -> b.count(who)).sum();
	}

	@Test
	void theInboxListsNewestFirstWithUnreadCountsAndTheBadge() throws Exception {
		mail.deliver(anna, MailFixtures.plain("Elternabend", "<e1@x>", "Liebe Eltern, der Elternabend ist am Dienstag."));
		mail.deliver(anna, MailFixtures.withAttachment("Vertretungsplan", "plan.pdf", "%PDF-1.4 Plan"));
		String html = page(anna, "/mail");
		assertThat(html).contains("Posteingang", "Entwürfe", "Gesendet", "Archiv", "Spam", "Papierkorb", "Jörg Müller", "Liebe Eltern, der Elternabend");
		assertThat(html.indexOf("Vertretungsplan")).isLessThan(html.indexOf("Elternabend"));
		assertThat(html).contains("class=\"unread\"").contains("mit Anhang");
		assertThat(badge(anna)).isEqualTo(2);
		assertThat(badge(other)).isZero();
	}

	@Test
	void theTilesBadgeCountsTheUnreadMailOfSharedFunctionMailboxesToo() throws Exception {
		mail.deliver(anna, MailFixtures.plain("Eigene", "<o1@x>", "Text"));
		var office = mailboxes.createFunction(anna.schoolId(), "sekretariat", "Sekretariat");
		UUID sickNote = toOffice(office, MailFixtures.plain("Krankmeldung", "<k1@x>", "Lisa ist krank"));
		assertThat(shownBadge(anna)).as("not shared yet").isEqualTo("1");
		mailboxes.addMember(office, anna.accountId());
		assertThat(shownBadge(anna)).isEqualTo("2");
		assertThat(shownBadge(other)).as("another school's person").isNull();

		page(anna, "/mail/nachricht/" + sickNote);
		assertThat(shownBadge(anna)).as("read in the function mailbox").isEqualTo("1");
		toOffice(office, MailFixtures.plain("Zweite", "<k2@x>", "Text"));
		assertThat(shownBadge(anna)).isEqualTo("2");
		mailboxes.removeMember(office, anna.accountId());
		assertThat(shownBadge(anna)).as("no longer shared").isEqualTo("1");
	}

	private UUID toOffice(de.schulhaus.mail.internal.Mailbox office, String raw) {
		var staged = store.stage(new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), 100_000);
		return store.deliver(staged, List.of(office), "eltern@example.org").values().iterator().next().appended().messageId();
	}

	/** The number beside the tile "E-Mail" in the sidebar, as the start page shows it; null without one. */
	private String shownBadge(SchulhausUser who) throws Exception {
		var found = java.util.regex.Pattern.compile("<span>E-Mail</span>\\s*<span class=\"count\" aria-hidden=\"true\">(\\d+)</span>")
			.matcher(page(who, "/"));
		return found.find() ? found.group(1) : null;
	}

	@Test
	void pagesHoldFiftyMessages() throws Exception {
		for (int i = 1; i <= 51; i++) {
			mail.deliver(anna, MailFixtures.plain("Nachricht " + i, "<p" + i + "@x>", "Text " + i));
		}
		String first = page(anna, "/mail");
		assertThat(first).contains("Nachricht 51").contains("Nachricht 2<").doesNotContain("Nachricht 1<").contains("Ältere");
		String second = page(anna, "/mail?seite=2");
		assertThat(second).contains("Nachricht 1<").doesNotContain("Nachricht 2<").contains("Neuere");
	}

	@Test
	void openingAMessageMarksItReadAndShowsPlainTextEscapedWithLinks() throws Exception {
		UUID id = mail.deliver(anna, MailFixtures.plain("Link", "<l1@x>", "<b>nicht fett</b> siehe https://example.org/plan?x=1&y=2."));
		String html = page(anna, "/mail/nachricht/" + id);
		assertThat(html).contains("&lt;b&gt;nicht fett&lt;/b&gt;").doesNotContain("<b>nicht fett</b>")
			.contains("<a href=\"https://example.org/plan?x=1&amp;y=2\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">");
		assertThat(store.find(anna.schoolId(), id).orElseThrow().flags().seen()).isTrue();
		assertThat(badge(anna)).isZero();
	}

	@Test
	void htmlIsSanitizedAndRemoteImagesWaitUntilTheReaderAllowsThem() throws Exception {
		UUID id = mail.deliver(anna, MailFixtures.html("Newsletter", "<p onclick=\"steal()\">Hallo <b>Anna</b></p><script>alert('x')</script>"
				+ "<img src=\"x\" onerror=\"alert(1)\"><img src=\"https://tracker.example/pixel.png\" alt=\"Logo\">"
				+ "<img src=\"cid:logo@x\" alt=\"Schullogo\"><a href=\"javascript:alert(2)\">klick</a><a href=\"https://schule.example/\">Schule</a>"
				+ "<iframe src=\"https://evil.example\"></iframe><form action=\"https://evil.example\"><input name=\"pw\"></form>"));
		MockHttpServletResponse blocked = mvc.perform(get("/mail/nachricht/" + id).with(user(anna))).andReturn().getResponse();
		String html = blocked.getContentAsString(StandardCharsets.UTF_8);
		String body = html.substring(html.indexOf("mail-body"), html.indexOf("</div>", html.indexOf("mail-body")));
		assertThat(body).contains("Hallo <b>Anna</b>").doesNotContain("<script").doesNotContain("alert(").doesNotContain("onerror")
			.doesNotContain("onclick").doesNotContain("javascript:").doesNotContain("<iframe").doesNotContain("<form").doesNotContain("tracker.example");
		assertThat(body).contains("/mail/nachricht/" + id + "/bild?cid&#61;logo&#64;x").contains("href=\"https://schule.example/\"");
		assertThat(html).contains("Bilder anzeigen").doesNotContain("h-attachments");
		assertThat(blocked.getHeader("Content-Security-Policy")).contains("img-src 'self' data:;");

		MockHttpServletResponse allowed = mvc.perform(get("/mail/nachricht/" + id).param("bilder", "true").with(user(anna))).andReturn().getResponse();
		assertThat(allowed.getContentAsString(StandardCharsets.UTF_8)).contains("src=\"https://tracker.example/pixel.png\"").doesNotContain("alert(");
		assertThat(allowed.getHeader("Content-Security-Policy")).contains("img-src 'self' data: https:").contains("script-src 'self'");

		MockHttpServletResponse image = mvc.perform(get("/mail/nachricht/" + id + "/bild").param("cid", "logo@x").with(user(anna))).andReturn().getResponse();
		assertThat(image.getStatus()).isEqualTo(200);
		assertThat(image.getContentType()).isEqualTo("image/png");
		assertThat(image.getContentAsByteArray()).startsWith(0x89, 'P', 'N', 'G');
	}

	@Test
	void attachmentsAreListedDownloadedAndSavedToTheCloud() throws Exception {
		UUID id = mail.deliver(anna, MailFixtures.withAttachment("Plan", "Stundenplan 5a.pdf", "%PDF-1.4 der Plan"));
		String html = page(anna, "/mail/nachricht/" + id);
		assertThat(html).contains("Stundenplan 5a.pdf").contains("/mail/nachricht/" + id + "/anhang?teil=2");
		MockHttpServletResponse download = mvc.perform(get("/mail/nachricht/" + id + "/anhang").param("teil", "2").with(user(anna))).andReturn().getResponse();
		assertThat(download.getStatus()).isEqualTo(200);
		assertThat(download.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("%PDF-1.4 der Plan");
		assertThat(download.getHeader("Content-Disposition")).startsWith("attachment;").contains("Stundenplan");
		assertThat(mvc.perform(get("/mail/nachricht/" + id + "/anhang").param("teil", "9").with(user(anna))).andReturn().getResponse().getStatus()).isEqualTo(404);

		mvc.perform(post("/mail/nachricht/" + id + "/anhang/cloud").param("teil", "2").with(user(anna)).with(csrf()));
		mvc.perform(post("/mail/nachricht/" + id + "/anhang/cloud").param("teil", "2").with(user(anna)).with(csrf()));
		List<CloudFiles.CloudFile> saved = cloud.search(anna, "Stundenplan 5a", 10);
		assertThat(saved).extracting(CloudFiles.CloudFile::name).containsExactlyInAnyOrder("Stundenplan 5a.pdf", "Stundenplan 5a (2).pdf");
		try (var in = cloud.open(anna, saved.get(0).id()).orElseThrow()) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.4 der Plan");
		}
	}

	@Test
	void attachmentsSavedToTheCloudAtTheSameMomentAllSurviveUnderTheirOwnNames() throws Exception {
		UUID id = mail.deliver(anna, MailFixtures.withAttachment("Zeugnis", "Zeugnis.pdf", "%PDF-1.4 Zeugnis"));
		int saves = 4;
		var start = new java.util.concurrent.CountDownLatch(1);
		var pool = java.util.concurrent.Executors.newFixedThreadPool(saves);
		try {
			List<java.util.concurrent.Future<MvcResult>> answers = new java.util.ArrayList<>();
			for (int i = 0; i < saves; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return mvc.perform(post("/mail/nachricht/" + id + "/anhang/cloud").param("teil", "2").with(user(anna)).with(csrf()))
						.andReturn();
				}));
			}
			start.countDown();
			for (var answer : answers) {
				assertThat(answer.get().getResponse().getRedirectedUrl()).isEqualTo("/mail/nachricht/" + id);
				assertThat(answer.get().getFlashMap().get("toast")).isEqualTo("mail.done.savedToCloud");
			}
		}
		finally {
			pool.shutdown();
		}
		List<CloudFiles.CloudFile> saved = cloud.search(anna, "Zeugnis", 10);
		assertThat(saved).extracting(CloudFiles.CloudFile::name)
			.containsExactlyInAnyOrder("Zeugnis.pdf", "Zeugnis (2).pdf", "Zeugnis (3).pdf", "Zeugnis (4).pdf");
		for (CloudFiles.CloudFile file : saved) {
			assertThat(file.contentType()).isEqualTo("application/pdf");
			try (var in = cloud.open(anna, file.id()).orElseThrow()) {
				assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.4 Zeugnis");
			}
		}
	}

	@Test
	void selectedMessagesAreFlaggedMovedAndDeletedThroughTheTrash() throws Exception {
		UUID a = mail.deliver(anna, MailFixtures.plain("Eins", "<m1@x>", "eins"));
		UUID b = mail.deliver(anna, MailFixtures.plain("Zwei", "<m2@x>", "zwei"));
		MailFolder archive = mail.folder(anna, SpecialUse.ARCHIVE);
		act("markieren", null, a, b);
		assertThat(store.find(anna.schoolId(), a).orElseThrow().flags().flagged()).isTrue();
		act("gelesen", null, a);
		assertThat(store.find(anna.schoolId(), a).orElseThrow().flags().seen()).isTrue();
		act("ungelesen", null, a);
		assertThat(store.find(anna.schoolId(), a).orElseThrow().flags().seen()).isFalse();
		act("verschieben", archive.id().toString(), a);
		assertThat(store.find(anna.schoolId(), a).orElseThrow().folderId()).isEqualTo(archive.id());
		act("loeschen", null, a, b);
		MailFolder trash = mail.folder(anna, SpecialUse.TRASH);
		assertThat(store.find(anna.schoolId(), b).orElseThrow().folderId()).isEqualTo(trash.id());
		act("loeschen", null, b);
		assertThat(store.find(anna.schoolId(), b)).isEmpty();
		assertThat(store.find(anna.schoolId(), a)).isPresent();
	}

	@Test
	void anotherSchoolsMessageAndFolderAnswerLikeMissingOnesAndChangeNothing() throws Exception {
		UUID mine = mail.deliver(anna, MailFixtures.withAttachment("Geheim", "noten.pdf", "Noten"));
		MailFolder annasInbox = mail.folder(anna, SpecialUse.INBOX);
		MailFolder ottosArchive = mail.folder(other, SpecialUse.ARCHIVE);
		for (String url : List.of("/mail/nachricht/" + mine, "/mail/nachricht/" + mine + "/anhang?teil=2", "/mail/nachricht/" + mine + "/bild?cid=x",
				"/mail/ordner/" + annasInbox.id(), "/mail/ordner/" + annasInbox.id() + "/stand?modseq=1", "/mail/neu?antwort=" + mine,
				"/mail/neu?weiterleiten=" + mine, "/mail/neu?entwurf=" + mine)) {
			assertThat(mvc.perform(get(url).with(user(other))).andReturn().getResponse().getStatus()).as(url).isEqualTo(404);
			assertThat(mvc.perform(get(url.replace(mine.toString(), UUID.randomUUID().toString())
					.replace(annasInbox.id().toString(), UUID.randomUUID().toString())).with(user(other))).andReturn().getResponse().getStatus())
				.as("missing " + url).isEqualTo(404);
		}
		assertThat(mvc.perform(post("/mail/aktionen").param("auswahl", mine.toString()).param("aktion", "loeschen").with(user(other)).with(csrf()))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
		// own message, another's folder as the target: nothing moves
		UUID ottos = mail.deliver(other, MailFixtures.plain("Ottos", "<o@x>", "x"));
		assertThat(mvc.perform(post("/mail/aktionen").param("auswahl", ottos.toString()).param("aktion", "verschieben")
				.param("ziel", annasInbox.id().toString()).with(user(other)).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/mail/aktionen").param("auswahl", mine.toString()).param("aktion", "verschieben")
				.param("ziel", ottosArchive.id().toString()).with(user(anna)).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/mail/ordner/" + annasInbox.id() + "/loeschen").with(user(other)).with(csrf())).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		assertThat(store.find(anna.schoolId(), mine).orElseThrow().folderId()).isEqualTo(annasInbox.id());
		assertThat(store.find(other.schoolId(), ottos).orElseThrow().folderId()).isEqualTo(mail.folder(other, SpecialUse.INBOX).id());
	}

	@Test
	void ownFoldersAreMadeNestedRenamedAndDeletedWithGermanRefusals() throws Exception {
		MvcResult made = mvc.perform(post("/mail/ordner").param("name", "Projekte").with(user(anna)).with(csrf())).andReturn();
		MailFolder projekte = folders.byName(mail.mailbox(anna), "Projekte").orElseThrow();
		assertThat(made.getResponse().getRedirectedUrl()).isEqualTo("/mail/ordner/" + projekte.id());
		mvc.perform(post("/mail/ordner").param("name", "Klassenfahrt").param("oberordner", projekte.id().toString()).with(user(anna)).with(csrf()));
		String html = page(anna, "/mail");
		assertThat(html).contains("Klassenfahrt").contains("depth-1");

		MvcResult duplicate = mvc.perform(post("/mail/ordner").param("name", "Projekte").with(user(anna)).with(csrf())).andReturn();
		assertThat(duplicate.getFlashMap().get("problemText")).isEqualTo("Einen Ordner „Projekte“ gibt es schon.");
		MvcResult inbox = mvc.perform(post("/mail/ordner").param("name", "INBOX").with(user(anna)).with(csrf())).andReturn();
		assertThat((String) inbox.getFlashMap().get("problemText")).contains("kein gültiger Ordnername");
		MailFolder sent = mail.folder(anna, SpecialUse.SENT);
		MvcResult standard = mvc.perform(post("/mail/ordner/" + sent.id() + "/loeschen").with(user(anna)).with(csrf())).andReturn();
		assertThat((String) standard.getFlashMap().get("problemText")).contains("gehört zu jedem Postfach");

		mvc.perform(post("/mail/ordner/" + projekte.id() + "/umbenennen").param("name", "Schule").with(user(anna)).with(csrf()));
		assertThat(folders.list(mail.mailbox(anna))).extracting(MailFolder::name).contains("Schule", "Schule/Klassenfahrt").doesNotContain("Projekte");
		mvc.perform(post("/mail/ordner/" + projekte.id() + "/loeschen").with(user(anna)).with(csrf()));
		assertThat(folders.list(mail.mailbox(anna))).extracting(MailFolder::name).doesNotContain("Schule").contains("Schule/Klassenfahrt");
	}

	@Test
	void theOpenListAsksForChangesAndGetsNothingUntilMailArrives() throws Exception {
		MailFolder inbox = mail.folder(anna, SpecialUse.INBOX);
		String url = "/mail/ordner/" + inbox.id() + "/stand?modseq=" + inbox.highestModseq();
		assertThat(mvc.perform(get(url).with(user(anna))).andReturn().getResponse().getStatus()).isEqualTo(204);
		mail.deliver(anna, MailFixtures.plain("Neu da", "<n@x>", "frisch"));
		MockHttpServletResponse changed = mvc.perform(get(url).with(user(anna)).header("HX-Request", "true")).andReturn().getResponse();
		assertThat(changed.getStatus()).isEqualTo(200);
		String fragment = changed.getContentAsString(StandardCharsets.UTF_8);
		assertThat(fragment).contains("Neu da").doesNotContain("<html");
		MailFolder now = folders.find(anna.schoolId(), inbox.id()).orElseThrow();
		assertThat(fragment).contains("modseq=" + now.highestModseq());
		assertThat(mvc.perform(get("/mail/ordner/" + inbox.id() + "/stand?modseq=" + now.highestModseq()).with(user(anna))).andReturn().getResponse()
			.getStatus()).isEqualTo(204);
		// a mail app moves the message away (IMAP MOVE uses the same store): the list learns it
		store.move(now, List.of(1L), mail.folder(anna, SpecialUse.ARCHIVE));
		String moved = mvc.perform(get("/mail/ordner/" + inbox.id() + "/stand?modseq=" + now.highestModseq()).with(user(anna))).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(moved).doesNotContain("Neu da").contains("Keine Nachrichten in diesem Ordner.");
	}

	@Test
	void searchFindsBySenderSubjectAndTextInAFolderOrEverywhere() throws Exception {
		mail.deliver(anna, MailFixtures.plain("Wandertag", "<w@x>", "Wir gehen in den Zoo"));
		UUID archived = mail.deliver(anna, MailFixtures.plain("Protokoll", "<p@x>", "Konferenz am Montag"));
		act("verschieben", mail.folder(anna, SpecialUse.ARCHIVE).id().toString(), archived);
		assertThat(page(anna, "/mail?suche=zoo")).contains("Wandertag").doesNotContain("Protokoll");
		assertThat(page(anna, "/mail?suche=wandertag")).contains("Wandertag");
		assertThat(page(anna, "/mail?suche=joerg@example")).contains("Wandertag");
		assertThat(page(anna, "/mail?suche=Konferenz")).doesNotContain("Protokoll").contains("Keine Nachricht passt");
		assertThat(page(anna, "/mail?suche=Konferenz&ueberall=true")).contains("Protokoll");
		assertThat(page(anna, "/mail?suche=100%25")).contains("Keine Nachricht passt");
	}

	@Test
	void theConversationShowsBesideTheMessage() throws Exception {
		mail.deliver(anna, MailFixtures.plain("Ausflug", "<t1@x>", "Erste"));
		UUID reply = mail.deliver(anna, MailFixtures.plain("Re: Ausflug", "<t2@x>", "Zweite").replace("MIME-Version", "In-Reply-To: <t1@x>\r\nMIME-Version"));
		mail.deliver(anna, MailFixtures.plain("Anderes", "<t3@x>", "Dritte"));
		String html = page(anna, "/mail/nachricht/" + reply);
		String thread = html.substring(html.indexOf("mail-thread"));
		assertThat(thread).contains("Ausflug").doesNotContain("Anderes");
	}

	@Test
	void brokenMessagesStillOpen() throws Exception {
		UUID noHeader = mail.deliver(anna, "nur Text ohne Kopf\r\n");
		UUID unterminated = mail.deliver(anna, "From: a@example.org\r\nSubject: =?utf-8?B?kaputt\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n"
				+ "--x\r\nContent-Type: text/plain; charset=gibtsnicht\r\n\r\nTeil eins\r\n--x\r\nContent-Type: application/pdf\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\n%%%nicht base64");
		assertThat(page(anna, "/mail")).contains("(kein Betreff)");
		// without a blank line the whole message is a (broken) header: it opens, empty, as mail apps show it
		assertThat(page(anna, "/mail/nachricht/" + noHeader)).contains("mail-body");
		assertThat(page(anna, "/mail/nachricht/" + unterminated)).contains("Teil eins").contains("anhang-2");
		assertThat(mvc.perform(get("/mail/nachricht/" + unterminated + "/anhang").param("teil", "2").with(user(anna))).andReturn().getResponse()
			.getStatus()).isEqualTo(200);
	}

	private void act(String action, String target, UUID... ids) throws Exception {
		var request = post("/mail/aktionen").param("aktion", action).with(user(anna)).with(csrf());
		for (UUID id : ids) {
			request.param("auswahl", id.toString());
		}
		if (target != null) {
			request.param("ziel", target);
		}
		assertThat(mvc.perform(request).andReturn().getResponse().getStatus()).isEqualTo(302);
	}
}
