package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/**
 * Downloads on a real port, where Tomcat sends a stored file itself (sendfile) once it is larger than a
 * few kilobytes: whole files and byte ranges arrive exactly as they went up, small files too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class DavDownloadTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void filesAndRangesComeDownByteForByte() throws Exception {
		var teacher = DavClients.Teacher.of(mvc, credentials, users, "Download-Schule", "Dora", "Download");
		String base = "http://127.0.0.1:" + port + "/dav/files/" + teacher.login() + "/";
		String auth = "Basic " + Base64.getEncoder().encodeToString((teacher.login() + ":" + teacher.appPassword()).getBytes(StandardCharsets.UTF_8));
		byte[] large = new byte[3 * 1024 * 1024 + 17];
		new Random(7).nextBytes(large);
		byte[] small = "Hausaufgaben bis Freitag\n".getBytes(StandardCharsets.UTF_8);
		assertThat(send(HttpRequest.newBuilder(URI.create(base + "gross.bin")).header("Authorization", auth)
			.PUT(HttpRequest.BodyPublishers.ofByteArray(large))).statusCode()).isEqualTo(201);
		assertThat(send(HttpRequest.newBuilder(URI.create(base + "klein.txt")).header("Authorization", auth)
			.PUT(HttpRequest.BodyPublishers.ofByteArray(small))).statusCode()).isEqualTo(201);

		for (int i = 0; i < 2; i++) {
			// twice: the second response comes over the same kept-alive connection after the first was sent by the container
			HttpResponse<byte[]> whole = send(HttpRequest.newBuilder(URI.create(base + "gross.bin")).header("Authorization", auth).GET());
			assertThat(whole.statusCode()).isEqualTo(200);
			assertThat(whole.headers().firstValue("Content-Length")).contains(String.valueOf(large.length));
			assertThat(whole.body()).isEqualTo(large);
		}
		HttpResponse<byte[]> range = send(HttpRequest.newBuilder(URI.create(base + "gross.bin")).header("Authorization", auth)
			.header("Range", "bytes=1000-1200999").GET());
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.headers().firstValue("Content-Range")).contains("bytes 1000-1200999/" + large.length);
		assertThat(range.body()).isEqualTo(Arrays.copyOfRange(large, 1000, 1201000));
		HttpResponse<byte[]> tail = send(HttpRequest.newBuilder(URI.create(base + "gross.bin")).header("Authorization", auth)
			.header("Range", "bytes=-100000").GET());
		assertThat(tail.statusCode()).isEqualTo(206);
		assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(large, large.length - 100000, large.length));

		HttpResponse<byte[]> little = send(HttpRequest.newBuilder(URI.create(base + "klein.txt")).header("Authorization", auth).GET());
		assertThat(little.statusCode()).isEqualTo(200);
		assertThat(little.body()).isEqualTo(small);
		HttpResponse<byte[]> head = send(HttpRequest.newBuilder(URI.create(base + "gross.bin")).header("Authorization", auth)
			.method("HEAD", HttpRequest.BodyPublishers.noBody()));
		assertThat(head.headers().firstValue("Content-Length")).contains(String.valueOf(large.length));
		assertThat(head.body()).isEmpty();
	}

	private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}
}
