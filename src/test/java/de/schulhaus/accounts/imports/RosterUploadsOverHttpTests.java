package de.schulhaus.accounts.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import de.schulhaus.TestSchools;

/**
 * Too large roster bodies over a real socket: Tomcat reads and drops what is left of a refused body, so the
 * client gets the 413 and its problem details instead of a reset connection, with or without a declared length.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RosterUploadsOverHttpTests {

	private static final int THIRTY_MEGABYTES = 30 << 20;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aDeclaredLengthBeyondTheLimitIsAnsweredWith413BeforeTheBodyIsRead() throws Exception {
		String school = createSchool();

		HttpResponse<String> answer = http.send(importRequest(school)
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[THIRTY_MEGABYTES])).build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains("urn:schulhaus:problem:upload-too-large", "größer als 20 MB");
	}

	@Test
	void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
		String school = createSchool();
		// no declared length: the import counts the bytes as they arrive; empty rows are no persons, so the
		// person limit does not end the reading first
		HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> HostileFiles
			.repeated("Quell-Id;Nachname;Vorname;Klasse;Kontotyp\n", (byte) '\n', THIRTY_MEGABYTES, ""));

		HttpResponse<String> answer = http.send(importRequest(school).POST(chunked).build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.body()).contains("urn:schulhaus:problem:upload-too-large");
	}

	private HttpRequest.Builder importRequest(String school) {
		return request("/api/v1/schools/" + school + "/roster-imports?dryRun=true").header("Content-Type", "text/csv");
	}

	private String createSchool() throws Exception {
		HttpResponse<String> school = http.send(request("/api/v1/schools").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"HTTP-Import-Schule\",\"schoolNumber\":\""
					+ TestSchools.nextSchoolNumber() + "\",\"type\":\"GRUNDSCHULE\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(school.statusCode()).as(school.body()).isEqualTo(201);
		return school.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN);
	}

}
