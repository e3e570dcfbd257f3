package de.schulhaus.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.mail.internal.MailTls;

/** A server of its own (the shared one keeps running for the other tests) that is stopped under its clients. */
@IntegrationTest
class ImapServerStopTests {

	@Autowired MockMvc mvc;
	@Autowired ImapServices services;
	@Autowired MailTls tls;
	@Autowired Environment environment;

	@Test
	void stoppingSaysByeToWaitingClientsAndFreesThePorts() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		TestSchools.SchoolRef school = schools.createSchool("Stopp-Schule");
		TestSchools.UserRef anna = schools.createUser(school, "Anna", "Amsel", "TEACHER", "lang-genug-passwort-1", null);
		ImapServer server = new ImapServer(services, tls, environment);
		server.start();
		assertThat(server.isRunning()).isTrue();
		assertThat(server.port()).isPositive();
		assertThat(server.tlsPort()).isPositive().isNotEqualTo(server.port());
		try (ImapTestClient client = new ImapTestClient(server.port())) {
			assertThat(client.command("LOGIN " + anna.login() + " " + anna.password())).contains("OK");
			client.command("SELECT INBOX");
			Thread.sleep(100);
			server.stop();
			assertThat(client.line()).startsWith("* BYE");
		}
		assertThat(server.isRunning()).isFalse();
		assertThat(server.port()).isEqualTo(-1);
		long deadline = System.currentTimeMillis() + 5000;
		while (server.openConnections() > 0 && System.currentTimeMillis() < deadline) {
			Thread.sleep(20);
		}
		assertThat(server.openConnections()).isZero();
	}
}
