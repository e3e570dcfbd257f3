package de.schulhaus.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MessageLists;
import de.schulhaus.mail.internal.MessageStore;
import de.schulhaus.mail.internal.SpecialUse;
import de.schulhaus.mail.internal.StoredMessage;

/** What a person does in the webmail shows at once in their mail app's open IMAP session (IDLE). */
@IntegrationTest
class WebmailToImapTests {

	@Autowired MockMvc mvc;
	@Autowired ImapServer server;
	@Autowired Mailboxes mailboxes;
	@Autowired MessageStore store;
	@Autowired MailFolders folders;
	@Autowired MessageLists lists;
	@Autowired AccountUserDetailsService users;

	TestSchools.UserRef anna;
	Mailbox annas;

	@BeforeEach
	void setUp() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		TestSchools.SchoolRef school = schools.createSchool("Live-Schule");
		anna = schools.createUser(school, "Anna", "Amsel", "TEACHER", "lang-genug-passwort-1", null);
		annas = mailboxes.personal(school.id(), anna.id(), "Anna Amsel");
		for (String subject : List.of("Erste", "Zweite")) {
			byte[] raw = ("From: a@example.org\r\nSubject: " + subject + "\r\n\r\nText\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
			store.deliver(store.stage(new ByteArrayInputStream(raw), 1 << 20), List.of(annas), "a@example.org");
		}
	}

	@Test
	void readingAndMovingInTheBrowserReachesTheIdlingMailApp() throws Exception {
		List<StoredMessage> inbox = lists.page(annas, folders.special(annas, SpecialUse.INBOX).orElseThrow(), null, 0, 10).messages();
		StoredMessage first = inbox.stream().filter(m -> m.subject().equals("Erste")).findFirst().orElseThrow();
		StoredMessage second = inbox.stream().filter(m -> m.subject().equals("Zweite")).findFirst().orElseThrow();
		var person = users.load(anna.login()).orElseThrow();
		try (ImapTestClient app = new ImapTestClient(server.port())) {
			assertThat(app.command("LOGIN " + anna.login() + " " + anna.password())).contains(" OK ");
			assertThat(app.command("SELECT INBOX")).contains("* 2 EXISTS");
			app.send(app.nextTag() + " IDLE");
			assertThat(app.line()).startsWith("+ ");

			mvc.perform(post("/mail/aktionen").param("auswahl", first.id().toString()).param("aktion", "gelesen").with(user(person)).with(csrf()));
			assertThat(app.line()).matches("\\* 1 FETCH \\(.*FLAGS \\(\\\\Seen\\).*\\)");

			String archive = folders.special(annas, SpecialUse.ARCHIVE).orElseThrow().id().toString();
			mvc.perform(post("/mail/aktionen").param("auswahl", second.id().toString()).param("aktion", "verschieben").param("ziel", archive)
				.with(user(person)).with(csrf()));
			assertThat(app.line()).isEqualTo("* 2 EXPUNGE");

			app.send("DONE");
			assertThat(app.until(app.lastTag())).contains("OK IDLE terminated");
			assertThat(app.command("STATUS Archiv (MESSAGES)")).contains("MESSAGES 1");
		}
	}
}
