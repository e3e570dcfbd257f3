package de.schulhaus.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.mail.internal.MailTls;

/**
 * A client that opens far more connections than it should: a server of its own with small limits (the shared
 * context's server keeps its defaults), so a few connections reach them.
 */
@IntegrationTest
class ImapConnectionLimitsTests {

	private static final int PER_ADDRESS = 6;
	private static final int PER_ACCOUNT = 2;

	@Autowired MockMvc mvc;
	@Autowired ImapServices services;
	@Autowired MailTls tls;

	ImapServer server;
	final List<ImapTestClient> open = new ArrayList<>();

	@BeforeEach
	void startServer() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("limits", Map.of(
				"schulhaus.mail.imap-limits.connections", 100,
				"schulhaus.mail.imap-limits.per-address", PER_ADDRESS,
				"schulhaus.mail.imap-limits.per-account", PER_ACCOUNT)));
		server = new ImapServer(services, tls, environment);
		server.start();
	}

	@AfterEach
	void stopServer() throws Exception {
		for (ImapTestClient client : open) {
			client.close();
		}
		server.stop();
	}

	@Test
	void connectionsBeyondTheAddressLimitHearByeAndTheEarlierOnesWorkOn() throws Exception {
		for (int i = 0; i < PER_ADDRESS; i++) {
			ImapTestClient client = new ImapTestClient(server.port());
			open.add(client);
			assertThat(client.greeting).startsWith("* OK");
		}
		for (int extra = 0; extra < 3; extra++) {
			try (Socket socket = new Socket("127.0.0.1", server.port())) {
				socket.setSoTimeout(5000);
				String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
				assertThat(answer).startsWith("* BYE ").contains("too many connections from your address");
			}
		}
		for (ImapTestClient client : open) {
			assertThat(client.command("NOOP")).contains("OK NOOP completed");
		}
		open.remove(0).close();
		ImapTestClient again = awaitPlace();
		open.add(again);
		assertThat(again.greeting).as("a closed connection gives its place back").startsWith("* OK");
	}

	@Test
	void signInsBeyondTheAccountLimitAreRefusedWithLimitAndMayLogOut() throws Exception {
		TestSchools schools = new TestSchools(mvc);
		TestSchools.SchoolRef school = schools.createSchool("Limit-Schule");
		TestSchools.UserRef anna = schools.createUser(school, "Anna", "Amsel", "TEACHER", "lang-genug-passwort-1", null);
		TestSchools.UserRef ben = schools.createUser(school, "Ben", "Birke", "TEACHER", "lang-genug-passwort-2", null);
		for (int i = 0; i < PER_ACCOUNT; i++) {
			ImapTestClient client = new ImapTestClient(server.port());
			open.add(client);
			assertThat(client.command("LOGIN " + anna.login() + " " + anna.password())).contains(" OK [CAPABILITY");
		}
		ImapTestClient third = new ImapTestClient(server.port());
		open.add(third);
		assertThat(third.command("LOGIN " + anna.login() + " " + anna.password()))
			.contains(" NO [LIMIT] Too many connections for this account");
		String plain = java.util.Base64.getEncoder().encodeToString(("\0" + anna.login() + "\0" + anna.password()).getBytes(StandardCharsets.UTF_8));
		assertThat(third.command("AUTHENTICATE PLAIN " + plain)).contains(" NO [LIMIT]");
		assertThat(third.command("SELECT INBOX")).as("not signed in").contains("BAD SELECT needs a sign-in first");
		assertThat(third.command("LOGIN " + ben.login() + " " + ben.password())).as("another account has its own places").contains(" OK [CAPABILITY");
		assertThat(third.command("LOGOUT")).contains("* BYE", "OK LOGOUT completed");
		assertThat(open.get(0).command("SELECT INBOX")).contains("OK [READ-WRITE]");

		open.remove(0).command("LOGOUT");
		ImapTestClient later = awaitSignIn(anna);
		open.add(later);
		assertThat(later.command("SELECT INBOX")).as("a session that ended gives its place back").contains("OK [READ-WRITE]");
	}

	/** The server frees a place when it has seen the connection end, a moment after the client closed it. */
	private ImapTestClient awaitPlace() throws Exception {
		long deadline = System.currentTimeMillis() + 5000;
		while (true) {
			ImapTestClient client = new ImapTestClient(server.port());
			if (client.greeting.startsWith("* OK") || System.currentTimeMillis() > deadline) {
				return client;
			}
			client.close();
			Thread.sleep(20);
		}
	}

	private ImapTestClient awaitSignIn(TestSchools.UserRef user) throws Exception {
		long deadline = System.currentTimeMillis() + 5000;
		while (true) {
			ImapTestClient client = new ImapTestClient(server.port());
			if (client.command("LOGIN " + user.login() + " " + user.password()).contains(" OK [CAPABILITY") || System.currentTimeMillis() > deadline) {
				return client;
			}
			client.close();
			Thread.sleep(20);
		}
	}
}
