package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/**
 * cadaver, the command-line WebDAV client, against the application on a real port: each command a
 * person types, and what a second client then finds over plain HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class CadaverTests {

	private static final Pattern LOCK_TOKEN = Pattern.compile("<D:locktoken><D:href>([^<]+)</D:href>");

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@TempDir
	Path temp;

	@Test
	void everyCommandLeavesWhatItSays() throws Exception {
		DavClients.requireInstalled("cadaver");
		var teacher = DavClients.Teacher.of(mvc, credentials, users, "Cadaver-Schule", "Carl", "Cadaver");
		var http = new DavClients.Http(port, teacher);
		// cadaver reads the credentials from $HOME/.netrc, so a home of its own holds them
		Path home = Files.createDirectories(temp.resolve("home"));
		Path netrc = home.resolve(".netrc");
		Files.writeString(netrc, "machine 127.0.0.1 login %s password %s%n".formatted(teacher.login(), teacher.appPassword()));
		Files.setPosixFilePermissions(netrc, PosixFilePermissions.fromString("rw-------"));
		byte[] letter = new byte[300 * 1024];
		new Random(3).nextBytes(letter);
		Path local = Files.write(temp.resolve("brief.bin"), letter);
		Path back = temp.resolve("zurück.bin");

		String first = cadaver(home, http, """
				mkcol Unterricht
				put %s Unterricht/Brief.bin
				ls Unterricht
				get Unterricht/Brief.bin %s
				move Unterricht/Brief.bin Unterricht/Elternbrief.bin
				copy Unterricht/Elternbrief.bin Unterricht/Kopie.bin
				propset Unterricht/Kopie.bin fach Mathematik
				propget Unterricht/Kopie.bin fach
				lock Unterricht/Kopie.bin
				""".formatted(local, back));
		assertThat(first).as(first).doesNotContain("failed").contains("Brief.bin").contains("Mathematik");
		assertThat(Files.readAllBytes(back)).isEqualTo(letter);
		assertThat(http.send("GET", "Unterricht/Brief.bin", null).statusCode()).isEqualTo(404);
		assertThat(http.send("GET", "Unterricht/Elternbrief.bin", null).body()).isEqualTo(letter);
		assertThat(http.send("GET", "Unterricht/Kopie.bin", null).body()).isEqualTo(letter);
		String props = http.propfind("Unterricht/Kopie.bin");
		assertThat(props).contains("<fach xmlns=\"http://webdav.org/cadaver/custom-properties/\">Mathematik</fach>");
		Matcher token = LOCK_TOKEN.matcher(props);
		assertThat(token.find()).as("a lock in %s", props).isTrue();
		// cadaver quit without unlocking: the lock holds against everyone without its token
		assertThat(http.send("PUT", "Unterricht/Kopie.bin", "anders".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(423);

		// a new session does not know the token, so cadaver asks for it as a person would type it
		String second = cadaver(home, http, """
				unlock Unterricht/Kopie.bin
				%s
				delete Unterricht/Elternbrief.bin
				ls Unterricht
				""".formatted(token.group(1)));
		assertThat(second).as(second).doesNotContain("failed").contains("Deleting `Unterricht/Elternbrief.bin': succeeded.");
		String listing = second.substring(second.lastIndexOf("Listing collection"));
		assertThat(listing).contains("Kopie.bin").doesNotContain("Elternbrief.bin");
		assertThat(http.send("GET", "Unterricht/Elternbrief.bin", null).statusCode()).isEqualTo(404);
		assertThat(http.propfind("Unterricht/Kopie.bin")).doesNotContain("activelock");
		assertThat(http.send("PUT", "Unterricht/Kopie.bin", "anders".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(204);
		assertThat(http.send("GET", "Unterricht/Kopie.bin", null).body()).asString(StandardCharsets.UTF_8).isEqualTo("anders");
	}

	/** Runs one cadaver session with these commands on its standard input; answers what it printed. */
	private String cadaver(Path home, DavClients.Http http, String commands) throws Exception {
		Path in = Files.writeString(Files.createTempFile(temp, "cadaver", ".in"), commands + "quit\n");
		Path out = Files.createTempFile(temp, "cadaver", ".out");
		ProcessBuilder builder = new ProcessBuilder("cadaver", http.url()).redirectInput(in.toFile())
			.redirectOutput(out.toFile()).redirectErrorStream(true);
		builder.environment().put("HOME", home.toString());
		Process process = builder.start();
		boolean finished = process.waitFor(1, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
		}
		String output = Files.readString(out, StandardCharsets.UTF_8);
		assertThat(finished).as("cadaver finished in time:%n%s", output).isTrue();
		assertThat(process.exitValue()).as("cadaver exit code:%n%s", output).isZero();
		return output;
	}

}
