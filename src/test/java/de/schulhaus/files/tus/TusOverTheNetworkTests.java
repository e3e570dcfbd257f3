package de.schulhaus.files.tus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/**
 * A phone losing the network in the middle of a part, on a real port: the connection closes after a
 * third of the bytes it announced; HEAD then names exactly what arrived, and the resumed upload is
 * byte for byte the file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class TusOverTheNetworkTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void anUploadResumesAfterTheConnectionDropsMidPart() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Funkloch-Schule");
		var teacher = schools.createUser(school, "Nina", "Netz", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		String secret = credentials.createAppPassword(users.load(teacher.login()).orElseThrow(), "Handy", Set.of(Scope.FILES), null).secret();
		String basic = "Basic " + Base64.getEncoder().encodeToString((teacher.login() + ":" + secret).getBytes(StandardCharsets.UTF_8));
		byte[] data = new byte[3 * 200_000];
		new Random(7).nextBytes(data);

		HttpResponse<String> created = http.send(tus(basic, "/api/files/uploads").header("Upload-Length", String.valueOf(data.length))
			.header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("Klassenfahrt.mp4".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(201);
		String location = created.headers().firstValue("Location").orElseThrow();
		assertThat(patch(basic, location, 0, Arrays.copyOfRange(data, 0, 200_000)).statusCode()).isEqualTo(204);

		// the second part: 200,000 bytes announced, the connection is gone after 70,000 of them
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("PATCH " + location + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + basic
					+ "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 200000\r\nContent-Type: application/offset+octet-stream\r\n"
					+ "Content-Length: 200000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(data, 200_000, 70_000);
			out.flush();
		}
		long offset = -1;
		for (int i = 0; i < 100 && offset != 270_000; i++) {
			Thread.sleep(100); // the server notices the closed connection on its own thread
			offset = Long.parseLong(http.send(tus(basic, location).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
					HttpResponse.BodyHandlers.discarding()).headers().firstValue("Upload-Offset").orElseThrow());
		}
		assertThat(offset).as("what arrived before the drop is durable and no more").isEqualTo(270_000);

		assertThat(patch(basic, location, 270_000, Arrays.copyOfRange(data, 270_000, 400_000)).statusCode()).isEqualTo(204);
		HttpResponse<String> last = patch(basic, location, 400_000, Arrays.copyOfRange(data, 400_000, data.length));
		assertThat(last.headers().firstValue("Upload-Offset")).contains(String.valueOf(data.length));
		HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dav/files/" + teacher.login()
				+ "/Klassenfahrt.mp4")).header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.body()).isEqualTo(data);
	}

	private HttpResponse<String> patch(String basic, String location, long offset, byte[] part) throws Exception {
		return http.send(tus(basic, location).header("Upload-Offset", String.valueOf(offset)).header("Content-Type", "application/offset+octet-stream")
			.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(part)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder tus(String basic, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
			.header("Authorization", basic).header("Tus-Resumable", "1.0.0");
	}
}
