package de.schulhaus.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.files.CloudFiles;
import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageLists;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StoredMessage;
import de.schulhaus.platform.SchulhausUser;

/** Writing mail over HTTP: sending through the school's rules, replies in their conversation, drafts, attachments, refusals. */
@IntegrationTest
class ComposeWebTests {

	@Autowired MockMvc mvc;
	@Autowired AccountUserDetailsService users;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageStore store;
	@Autowired MessageLists lists;
	@Autowired CloudFiles cloud;
	@Autowired JdbcClient jdbc;
	@Autowired de.schulhaus.accounts.StorageQuotas quotas;

	MailFixtures mail;
	TestSchools.SchoolRef school;
	SchulhausUser anna;
	SchulhausUser ben;
	SchulhausUser paula;

	@BeforeEach
	void setUp() throws Exception {
		var schools = new TestSchools(mvc);
		school = schools.createSchool("Schreib-Schule");
		anna = principal(schools.createUser(school, "Anna", "Amsel", "TEACHER", "lang-genug-passwort-1", null).login());
		ben = principal(schools.createUser(school, "Ben", "Birke", "TEACHER", "lang-genug-passwort-2", null).login());
		paula = principal(schools.createUser(school, "Paula", "Pappel", "PUPIL", "lang-genug-passwort-3", "5a").login());
		mail = new MailFixtures(mailboxes, folders, store);
	}

	private SchulhausUser principal(String login) {
		SchulhausUser u = users.load(login).orElseThrow();
		u.eraseCredentials();
		return u.withTwoFactor(false);
	}

	private List<StoredMessage> in(SchulhausUser who, SpecialUse use) {
		return lists.page(mail.mailbox(who), mail.folder(who, use), "", 0, 50).messages();
	}

	private String raw(StoredMessage message) throws Exception {
		try (InputStream in = store.open(message)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private MockHttpServletResponse send(SchulhausUser who, AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
		return mvc.perform(request.with(user(who)).with(csrf())).andReturn().getResponse();
	}

	private MockMultipartHttpServletRequestBuilder compose() {
		return multipart(HttpMethod.POST, "/mail/neu");
	}

	@Test
	void aColleagueGetsTheMessageWithAPlainTextAlternativeAndTheSenderKeepsACopy() throws Exception {
		MockHttpServletResponse response = send(anna, compose().param("an", ben.login()).param("betreff", "Konferenz am Montag")
			.param("format", "html").param("text", "<p>Hallo <b>Ben</b>,</p><script>alert(1)</script><ul><li>Punkt</li></ul><img src=x onerror=alert(2)>"));
		assertThat(response.getRedirectedUrl()).isEqualTo("/mail");
		List<StoredMessage> received = in(ben, SpecialUse.INBOX);
		assertThat(received).extracting(StoredMessage::subject).containsExactly("Konferenz am Montag");
		assertThat(received.get(0).fromAddress()).isEqualTo(anna.login().toLowerCase());
		String raw = raw(received.get(0));
		assertThat(raw).contains("multipart/alternative").contains("text/plain").contains("text/html").doesNotContain("<script")
			.doesNotContain("onerror").doesNotContain("Bcc:");
		assertThat(received.get(0).preview()).contains("Hallo Ben").contains("Punkt");
		assertThat(in(anna, SpecialUse.SENT)).extracting(StoredMessage::subject).containsExactly("Konferenz am Montag");
		assertThat(in(anna, SpecialUse.SENT).get(0).flags().seen()).isTrue();
	}

	@Test
	void aReplyIsPrefilledAndStaysInTheConversation() throws Exception {
		send(anna, compose().param("an", ben.login()).param("betreff", "Ausflug").param("format", "text").param("text", "Kommst du mit?"));
		StoredMessage question = in(ben, SpecialUse.INBOX).get(0);
		String form = mvc.perform(get("/mail/neu").param("antwort", question.id().toString()).with(user(ben))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(form).contains("value=\"" + anna.login() + "\"").contains("value=\"Re: Ausflug\"").contains(question.messageId().replace("<", "&lt;").replace(">", "&gt;"))
			.contains("Kommst du mit?");
		send(ben, compose().param("an", anna.login()).param("betreff", "Re: Ausflug").param("format", "text").param("text", "Ja!")
			.param("antwortAuf", question.messageId()).param("verweise", question.messageId()).param("antwortId", question.id().toString()));
		StoredMessage answer = in(anna, SpecialUse.INBOX).get(0);
		StoredMessage sentCopy = in(anna, SpecialUse.SENT).get(0);
		assertThat(answer.inReplyTo()).isEqualTo(sentCopy.messageId());
		assertThat(answer.threadId()).isEqualTo(sentCopy.threadId());
		assertThat(store.find(ben.schoolId(), question.id()).orElseThrow().flags().answered()).isTrue();
		String reading = mvc.perform(get("/mail/nachricht/" + answer.id()).with(user(anna))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(reading.substring(reading.indexOf("mail-thread"))).contains("Ausflug");

		String fromSent = mvc.perform(get("/mail/neu").param("antwort", sentCopy.id().toString()).with(user(anna))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(fromSent).contains("value=\"" + ben.login() + "\"");
		String all = mvc.perform(get("/mail/neu").param("antwort", question.id().toString()).param("allen", "true").with(user(ben))).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(all).contains("value=\"" + anna.login() + "\"").doesNotContain("value=\"" + ben.login());
	}

	@Test
	void lineBreaksInHeaderFieldsAreRefusedInGermanAndNothingIsSent() throws Exception {
		for (String[] field : List.of(new String[] { "betreff", "Hallo\r\nBcc: boese@example.org" },
				new String[] { "an", ben.login() + "\r\nBcc: boese@example.org" }, new String[] { "cc", "x@example.org\nX-Evil: 1" })) {
			var request = compose().param("an", ben.login()).param("betreff", "Test").param("format", "text").param("text", "x");
			request.param(field[0], field[1]);
			MockHttpServletResponse response = send(anna, request);
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("darf keinen Zeilenumbruch enthalten")
				.contains("id=\"field-" + (field[0].equals("betreff") ? "subject" : field[0]) + "\"");
		}
		assertThat(in(ben, SpecialUse.INBOX)).isEmpty();
		assertThat(in(anna, SpecialUse.SENT)).isEmpty();
		MockHttpServletResponse autosave = send(anna, post("/mail/entwurf").param("betreff", "a\r\nb"));
		assertThat(autosave.getStatus()).isEqualTo(400);
		assertThat(autosave.getContentAsString(StandardCharsets.UTF_8)).contains("Zeilenumbruch");
	}

	@Test
	void badAddressesAndMissingRecipientsAreRefusedBesideTheirField() throws Exception {
		assertThat(send(anna, compose().param("an", "kein-at-zeichen").param("betreff", "x").param("text", "x")).getContentAsString(StandardCharsets.UTF_8))
			.contains("„kein-at-zeichen“ ist keine gültige E-Mail-Adresse.");
		assertThat(send(anna, compose().param("betreff", "x").param("text", "x")).getContentAsString(StandardCharsets.UTF_8))
			.contains("Bitte geben Sie mindestens eine Empfängerin oder einen Empfänger an.");
	}

	@Test
	void theSchoolsRulesRefuseRecipientsOneByOneInGerman() throws Exception {
		MockHttpServletResponse none = send(paula, compose().param("an", "oma@example.org, niemand@" + school.domain()).param("betreff", "Hallo")
			.param("format", "text").param("text", "x"));
		String page = none.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("oma@example.org: Ihre Schule erlaubt E-Mails nur innerhalb der Schule.")
			.contains("niemand@" + school.domain() + ": Diese Adresse gibt es nicht.").contains("an niemanden verschickt");
		MockHttpServletResponse partly = send(paula, compose().param("an", "oma@example.org").param("cc", anna.login()).param("betreff", "Hallo")
			.param("format", "text").param("text", "x"));
		assertThat(partly.getContentAsString(StandardCharsets.UTF_8)).contains("Teilweise verschickt").contains("oma@example.org");
		assertThat(in(anna, SpecialUse.INBOX)).extracting(StoredMessage::subject).containsExactly("Hallo");
	}

	@Test
	void aFullOwnMailboxKeepsTheTextSaysWhyAndStillSends() throws Exception {
		MockHttpServletResponse first = send(anna, post("/mail/entwurf").param("an", ben.login()).param("betreff", "Entwurf eins")
			.param("format", "html").param("text", "<p>Erster Stand</p>"));
		String draftId = JsonPath.read(first.getContentAsString(), "$.entwurf");
		quotas.setPersonal(school.id(), anna.accountId(), null, 0L, new SchulhausUser(anna.accountId(), school.id(), anna.login(), "Anna Amsel",
				de.schulhaus.platform.Role.SCHOOL_ADMIN, "de", false, true, null));

		// the autosave: 507 with the reason, the saved draft stays as it was
		MockHttpServletResponse autosave = send(anna, post("/mail/entwurf").param("an", ben.login()).param("betreff", "Entwurf zwei")
			.param("format", "html").param("text", "<p>Zweiter Stand</p>").param("entwurf", draftId).locale(java.util.Locale.GERMAN));
		assertThat(autosave.getStatus()).isEqualTo(507);
		assertThat(autosave.getContentType()).startsWith("application/problem+json");
		assertThat(autosave.getContentAsString(StandardCharsets.UTF_8)).contains("Ihr Postfach ist voll");
		assertThat(in(anna, SpecialUse.DRAFTS)).extracting(StoredMessage::subject).containsExactly("Entwurf eins");

		// the button: the page again, with the reason and the text as typed
		MockHttpServletResponse byButton = send(anna, compose().param("aktion", "entwurf").param("an", ben.login()).param("betreff", "Entwurf drei")
			.param("text", "Mein langer Text").param("entwurf", draftId).locale(java.util.Locale.GERMAN));
		assertThat(byButton.getStatus()).isEqualTo(200);
		assertThat(byButton.getContentAsString(StandardCharsets.UTF_8)).contains("Ihr Postfach ist voll").contains("value=\"Entwurf drei\"")
			.contains("Mein langer Text");
		assertThat(in(anna, SpecialUse.DRAFTS)).extracting(StoredMessage::subject).containsExactly("Entwurf eins");

		// sending works all the same: Ben gets it, only the copy in Gesendet is missing, and Anna is told
		var sent = mvc.perform(compose().param("an", ben.login()).param("betreff", "Trotzdem").param("text", "angekommen").with(user(anna))
			.with(csrf())).andReturn();
		assertThat(sent.getResponse().getRedirectedUrl()).isEqualTo("/mail");
		assertThat(sent.getFlashMap().get("toast")).isEqualTo("mail.compose.sentWithoutCopy");
		assertThat(in(ben, SpecialUse.INBOX)).extracting(StoredMessage::subject).containsExactly("Trotzdem");
		assertThat(in(anna, SpecialUse.SENT)).isEmpty();
	}

	@Test
	void draftsAreSavedReplacedContinuedAndGoneOnceSent() throws Exception {
		MockHttpServletResponse first = send(anna, post("/mail/entwurf").param("an", ben.login()).param("bcc", "chef@" + school.domain())
			.param("betreff", "Entwurf eins").param("format", "html").param("text", "<p>Erster Stand</p>"));
		assertThat(first.getStatus()).isEqualTo(200);
		String draftId = JsonPath.read(first.getContentAsString(), "$.entwurf");
		assertThat(in(anna, SpecialUse.DRAFTS)).extracting(StoredMessage::id).containsExactly(UUID.fromString(draftId));
		MockHttpServletResponse second = send(anna, post("/mail/entwurf").param("an", ben.login()).param("bcc", "chef@" + school.domain())
			.param("betreff", "Entwurf zwei").param("format", "html").param("text", "<p>Zweiter Stand</p>").param("entwurf", draftId));
		String secondId = JsonPath.read(second.getContentAsString(), "$.entwurf");
		List<StoredMessage> drafts = in(anna, SpecialUse.DRAFTS);
		assertThat(drafts).extracting(StoredMessage::id).containsExactly(UUID.fromString(secondId));
		assertThat(drafts.get(0).flags().draft()).isTrue();
		assertThat(raw(drafts.get(0))).contains("Bcc: chef@" + school.domain());

		assertThat(mvc.perform(get("/mail/ordner/" + mail.folder(anna, SpecialUse.DRAFTS).id()).with(user(anna))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).contains("href=\"/mail/neu?entwurf=" + secondId + "\"");
		String continued = mvc.perform(get("/mail/neu").param("entwurf", secondId).with(user(anna))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(continued).contains("value=\"Entwurf zwei\"").contains("value=\"chef@" + school.domain() + "\"").contains("Zweiter Stand");
		assertThat(mvc.perform(get("/mail/neu").param("entwurf", in(anna, SpecialUse.DRAFTS).get(0).id().toString()).with(user(ben))).andReturn()
			.getResponse().getStatus()).isEqualTo(404);

		MockHttpServletResponse byButton = send(anna, compose().param("aktion", "entwurf").param("an", ben.login()).param("betreff", "Entwurf drei")
			.param("text", "x").param("entwurf", secondId));
		String thirdId = byButton.getRedirectedUrl().substring(byButton.getRedirectedUrl().indexOf('=') + 1);
		assertThat(in(anna, SpecialUse.DRAFTS)).extracting(StoredMessage::subject).containsExactly("Entwurf drei");

		send(anna, compose().param("an", ben.login()).param("betreff", "Endlich").param("text", "fertig").param("entwurf", thirdId));
		assertThat(in(anna, SpecialUse.DRAFTS)).isEmpty();
		assertThat(in(ben, SpecialUse.INBOX)).extracting(StoredMessage::subject).containsExactly("Endlich");
	}

	@Test
	void attachmentsFromTheComputerAndTheCloudArriveAndForwardsKeepThem() throws Exception {
		CloudFiles.CloudFile worksheet = cloud.saveToMyFiles(anna, "Arbeitsblatt Brüche.pdf", "application/pdf",
				new ByteArrayInputStream("%PDF-1.4 Brüche".getBytes(StandardCharsets.UTF_8)));
		MockHttpServletResponse response = send(anna, compose().file(new MockMultipartFile("anhang", "Notizen.txt", "text/plain", "Notizen für Ben".getBytes(StandardCharsets.UTF_8)))
			.param("an", ben.login()).param("betreff", "Material").param("format", "text").param("text", "Anbei").param("cloud", worksheet.id().toString()));
		assertThat(response.getRedirectedUrl()).isEqualTo("/mail");
		StoredMessage received = in(ben, SpecialUse.INBOX).get(0);
		assertThat(received.hasAttachments()).isTrue();
		String reading = mvc.perform(get("/mail/nachricht/" + received.id()).with(user(ben))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(reading).contains("Arbeitsblatt Brüche.pdf").contains("Notizen.txt");
		assertThat(mvc.perform(get("/mail/nachricht/" + received.id() + "/anhang").param("teil", "2").with(user(ben))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("%PDF-1.4 Brüche");
		assertThat(mvc.perform(get("/mail/nachricht/" + received.id() + "/anhang").param("teil", "3").with(user(ben))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("Notizen für Ben");

		String forward = mvc.perform(get("/mail/neu").param("weiterleiten", received.id().toString()).with(user(ben))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(forward).contains("value=\"WG: Material\"").contains("Arbeitsblatt Brüche.pdf").contains("name=\"behalten\" value=\"2\"");
		send(ben, compose().param("an", paula.login()).param("betreff", "WG: Material").param("text", "für dich").param("quelle", received.id().toString())
			.param("behalten", "2"));
		StoredMessage forwarded = in(paula, SpecialUse.INBOX).get(0);
		String forwardedPage = mvc.perform(get("/mail/nachricht/" + forwarded.id()).with(user(paula))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(forwardedPage).contains("Arbeitsblatt Brüche.pdf").doesNotContain("Notizen.txt");

		// another person's cloud file is not attached, and nothing is sent
		CloudFiles.CloudFile bens = cloud.saveToMyFiles(ben, "privat.txt", "text/plain", new ByteArrayInputStream("geheim".getBytes(StandardCharsets.UTF_8)));
		MockHttpServletResponse refused = send(anna, compose().param("an", paula.login()).param("betreff", "Klau").param("text", "x").param("cloud", bens.id().toString()));
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("Eine der gewählten Dateien aus der Cloud");
		assertThat(in(paula, SpecialUse.INBOX)).hasSize(1);
	}

	@Test
	void addressesAreSuggestedFromTheDirectoryAndListsAndCloudFilesByName() throws Exception {
		String groups = mvc.perform(get("/api/v1/schools/" + school.id() + "/groups").header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN))
			.andReturn().getResponse().getContentAsString();
		UUID group = UUID.fromString(JsonPath.read(groups, "$[0].id"));
		// the group's list address comes from the roster event; the test fixes its address and policy
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from mail_list where group_id = :g").param("g", group).query(Integer.class).single() == 1);
		jdbc.sql("update mail_list set local_part = '5a', policy = 'school' where group_id = :g and school_id = :s")
			.param("g", group).param("s", school.id()).update();
		String people = mvc.perform(get("/mail/adressen").param("feld", "cc").param("cc", "x@example.org, bir").with(user(anna))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(people).contains("data-address=\"" + ben.login() + "\"").contains("data-field=\"cc\"").contains("Ben Birke");
		String list = mvc.perform(get("/mail/adressen").param("feld", "an").param("an", "5a").with(user(anna))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(list).contains("data-address=\"5a@" + school.domain() + "\"");
		cloud.saveToMyFiles(anna, "Elternbrief.pdf", "application/pdf", new ByteArrayInputStream("x".getBytes()));
		assertThat(mvc.perform(get("/mail/cloud").param("dateisuche", "elternbr").with(user(anna))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).contains("Elternbrief.pdf").contains("name=\"cloud\"");
		assertThat(mvc.perform(get("/mail/cloud").param("dateisuche", "elternbr").with(user(ben))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("Elternbrief.pdf");
	}

	@Test
	void membersOfAFunctionMailboxReadItAndWriteAsTheFunction() throws Exception {
		var office = mailboxes.createFunction(school.id(), "sekretariat", "Sekretariat");
		mailboxes.addMember(office, anna.accountId());
		var staged = store.stage(new ByteArrayInputStream(MailFixtures.plain("Krankmeldung", "<k@x>", "Lisa ist krank").getBytes(StandardCharsets.UTF_8)), 100_000);
		UUID sick = store.deliver(staged, List.of(office), "eltern@example.org").get(office.id()).appended().messageId();
		MailFolder officeInbox = folders.special(office, SpecialUse.INBOX).orElseThrow();

		String mailbox = mvc.perform(get("/mail").with(user(anna))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(mailbox).contains("Mein Postfach").contains(">Sekretariat<").contains("/mail/ordner/" + officeInbox.id());
		assertThat(mvc.perform(get("/mail/ordner/" + officeInbox.id()).with(user(anna))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("Krankmeldung");
		assertThat(mvc.perform(get("/mail/ordner/" + officeInbox.id()).with(user(ben))).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/mail/nachricht/" + sick).with(user(ben))).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/mail/neu").with(user(anna))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("Sekretariat &lt;sekretariat@" + school.domain() + "&gt;");

		send(anna, compose().param("von", office.id().toString()).param("an", ben.login()).param("betreff", "Vom Sekretariat").param("text", "x"));
		StoredMessage got = in(ben, SpecialUse.INBOX).get(0);
		assertThat(got.fromAddress()).isEqualTo("sekretariat@" + school.domain());
		assertThat(got.fromName()).isEqualTo("Sekretariat");
		assertThat(lists.page(office, folders.special(office, SpecialUse.SENT).orElseThrow(), "", 0, 50).messages())
			.extracting(StoredMessage::subject).containsExactly("Vom Sekretariat");
		assertThat(send(ben, compose().param("von", office.id().toString()).param("an", anna.login()).param("betreff", "Falsch").param("text", "x"))
			.getStatus()).isEqualTo(404);
		assertThat(in(anna, SpecialUse.INBOX)).isEmpty();
	}

	@Test
	void aDraftWrittenAsAFunctionMailboxReopensWritingAsIt() throws Exception {
		var office = mailboxes.createFunction(school.id(), "sekretariat", "Sekretariat");
		mailboxes.addMember(office, anna.accountId());
		MockHttpServletResponse saved = send(anna, post("/mail/entwurf").param("von", office.id().toString()).param("an", ben.login())
			.param("betreff", "Elternbrief").param("text", "<p>Entwurf</p>"));
		String draftId = JsonPath.read(saved.getContentAsString(), "$.entwurf");
		StoredMessage draft = in(anna, SpecialUse.DRAFTS).get(0);
		assertThat(draft.fromAddress()).isEqualTo("sekretariat@" + school.domain());
		assertThat(mvc.perform(get("/mail/neu").param("entwurf", draftId).with(user(anna))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).containsPattern("<option value=\"" + office.id() + "\"\\s+selected=\"selected\"")
			.containsPattern("<option value=\"\"\\s*>");

		MockHttpServletResponse byButton = send(anna, compose().param("aktion", "entwurf").param("von", office.id().toString())
			.param("an", ben.login()).param("betreff", "Elternbrief").param("text", "x").param("entwurf", draftId));
		assertThat(mvc.perform(get(byButton.getRedirectedUrl()).with(user(anna))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.containsPattern("<option value=\"" + office.id() + "\"\\s+selected=\"selected\"");
		String ownId = JsonPath.read(send(anna, post("/mail/entwurf").param("an", ben.login()).param("betreff", "Privat").param("text", "x"))
			.getContentAsString(), "$.entwurf");
		assertThat(mvc.perform(get("/mail/neu").param("entwurf", ownId).with(user(anna))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
			.as("a draft of one's own reopens as oneself").containsPattern("<option value=\"\"\\s+selected=\"selected\"");

		assertThat(send(ben, post("/mail/entwurf").param("von", office.id().toString()).param("betreff", "Falsch").param("text", "x")).getStatus())
			.as("a function mailbox one does not share is a missing one").isEqualTo(404);
		assertThat(in(ben, SpecialUse.DRAFTS)).isEmpty();

		mailboxes.removeMember(office, anna.accountId());
		MockHttpServletResponse reopened = mvc.perform(get(byButton.getRedirectedUrl()).with(user(anna))).andReturn().getResponse();
		assertThat(reopened.getStatus()).isEqualTo(200);
		assertThat(reopened.getContentAsString(StandardCharsets.UTF_8)).as("a function mailbox no longer shared is not offered")
			.doesNotContain("name=\"von\"").doesNotContain(office.id().toString());
	}

	@Test
	void aMessageToTheOfficeIsAnsweredAndForwardedAsTheOffice() throws Exception {
		var office = mailboxes.createFunction(school.id(), "sekretariat", "Sekretariat");
		mailboxes.addMember(office, anna.accountId());
		String raw = "From: Eltern Kaya <eltern@example.org>\r\nTo: sekretariat@" + school.domain() + "\r\nCc: " + anna.login()
				+ "\r\nSubject: Krankmeldung\r\nMessage-ID: <krank@example.org>\r\n\r\nKaya ist krank.\r\n";
		store.deliver(store.stage(new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), 1_000_000), List.of(office), "eltern@example.org");
		StoredMessage message = lists.page(office, folders.special(office, SpecialUse.INBOX).orElseThrow(), null, 0, 10).messages().get(0);

		String reply = mvc.perform(get("/mail/neu").param("antwort", message.id().toString()).param("allen", "true").with(user(anna))).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(reply).containsPattern("<option value=\"" + office.id() + "\"\\s+selected=\"selected\"")
			.contains("value=\"eltern@example.org\"").doesNotContain("value=\"sekretariat@");
		String forward = mvc.perform(get("/mail/neu").param("weiterleiten", message.id().toString()).with(user(anna))).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(forward).containsPattern("<option value=\"" + office.id() + "\"\\s+selected=\"selected\"");
	}

	@Test
	void aFileLargerThanTheSchoolAllowsIsRefusedInGermanAndTheWebServerTakesTheLargestAllowed(
			@Autowired de.schulhaus.mail.internal.MailPolicies policies, @Autowired jakarta.servlet.MultipartConfigElement multipart) throws Exception {
		SchulhausUser admin = principal(new TestSchools(mvc).createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-1", null).login());
		policies.set(school.id(), new de.schulhaus.mail.internal.MailPolicy(de.schulhaus.platform.Role.TEACHER, true, 1, true), admin);
		byte[] big = new byte[1536 * 1024];
		MockHttpServletResponse refused = send(anna, compose().file(new MockMultipartFile("anhang", "Film.mp4", "video/mp4", big))
			.param("an", ben.login()).param("betreff", "Zu gross").param("text", "x"));
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8))
			.contains("Die Nachricht ist mit ihren Anhängen zu groß: höchstens 1 MB sind erlaubt.");
		assertThat(in(ben, SpecialUse.INBOX)).isEmpty();
		assertThat(in(anna, SpecialUse.SENT)).isEmpty();

		long largest = de.schulhaus.mail.internal.MailPolicies.MAX_MESSAGE_MB * 1024L * 1024L;
		assertThat(multipart.getMaxFileSize()).as("a file as large as a school may allow reaches the compose page").isGreaterThanOrEqualTo(largest);
		assertThat(multipart.getMaxRequestSize()).isGreaterThan(largest);
	}

	@Test
	void pupilsAreSuggestedOnlyWhatTheDirectoryShowsThemAndNoOneOfAnotherSchool() throws Exception {
		var schools = new TestSchools(mvc);
		var classmate = schools.createUser(school, "Karla", "Klee", "PUPIL", "lang-genug-passwort-4", "5a");
		var elsewhere = schools.createUser(school, "Karl", "Kiefer", "PUPIL", "lang-genug-passwort-5", "6b");
		var teacher = schools.createUser(school, "Kai", "Kastanie", "TEACHER", "lang-genug-passwort-6", null);
		SchulhausUser admin = users.load(schools.createUser(school, "Ada", "Admin", "SCHOOL_ADMIN", "admin-laterne-quitte-1", null).login())
			.orElseThrow().withTwoFactor(true).withPasswordChanged();
		var otherSchool = schools.createSchool("Fremde Schule");
		var stranger = schools.createUser(otherSchool, "Kalle", "Kork", "PUPIL", "lang-genug-passwort-7", "5a");
		var strangeTeacher = schools.createUser(otherSchool, "Kim", "Kork", "TEACHER", "lang-genug-passwort-8", null);

		// the school's default: pupils see staff and the people of their own groups
		assertThat(suggested(paula, "Ka")).contains(classmate.login(), teacher.login()).doesNotContain(elsewhere.login());
		assertThat(suggested(anna, "Ka")).as("teachers see everyone of their school")
			.contains(classmate.login(), elsewhere.login(), teacher.login()).doesNotContain(stranger.login());
		assertThat(suggested(anna, "Kork")).as("no one of another school").isEmpty();

		choose(admin, "staff");
		assertThat(suggested(paula, "Ka")).containsExactly(teacher.login());
		choose(admin, "everyone");
		assertThat(suggested(paula, "Ka")).containsExactlyInAnyOrder(classmate.login(), elsewhere.login(), teacher.login());
		assertThat(suggested(paula, "Kork")).isEmpty();
		choose(admin, "groups");

		// list addresses belong to the groups: a pupil is offered those of their own groups
		awaitLists(school, 2);
		awaitLists(otherSchool, 1);
		assertThat(suggested(paula, "5a")).containsExactly("5a@" + school.domain());
		assertThat(suggested(paula, "6b")).isEmpty();
		assertThat(suggested(anna, "6b")).containsExactly("6b@" + school.domain());
		assertThat(suggested(principal(strangeTeacher.login()), "5a")).as("the other school's teacher gets their own 5a")
			.containsExactly("5a@" + otherSchool.domain());
	}

	private void choose(SchulhausUser admin, String pupilsSee) throws Exception {
		assertThat(send(admin, post("/verwaltung/adressbuch").param("schueler", pupilsSee)).getRedirectedUrl()).isEqualTo("/verwaltung/adressbuch");
	}

	private void awaitLists(TestSchools.SchoolRef of, int count) {
		// the groups' list addresses come from the roster event
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from mail_list where school_id = :s").param("s", of.id()).query(Integer.class).single() == count);
	}

	/** The addresses the compose page offers while the person types into "An". */
	private List<String> suggested(SchulhausUser who, String typed) throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/mail/adressen").param("feld", "an").param("an", typed).with(user(who))).andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return java.util.regex.Pattern.compile("data-address=\"([^\"]*)\"").matcher(response.getContentAsString(StandardCharsets.UTF_8)).results()
			.map(m -> m.group(1)).toList();
	}

	@Test
	void thePageShowsTheSizeLimitAndTheEditor() throws Exception {
		String page = mvc.perform(get("/mail/neu").with(user(anna))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("höchstens 25 MB").contains("contenteditable=\"true\"").contains("/js/mail-compose-").contains("enctype=\"multipart/form-data\"");
		MailFolder drafts = mail.folder(anna, SpecialUse.DRAFTS);
		assertThat(drafts.name()).isEqualTo("Entwürfe");
	}
}
