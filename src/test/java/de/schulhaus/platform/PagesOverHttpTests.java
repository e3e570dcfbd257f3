package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import de.schulhaus.TestSchools;

/** Pages as Tomcat sends them to a browser: signed in through the form, over a real socket. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PagesOverHttpTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theDashboardIsSentInOnePieceWithItsLength() throws Exception {
		String login = createPupil();
		HttpResponse<String> page = http.send(request("/anmelden").build(), HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		String form = "login=" + enc(login) + "&password=" + enc("pupil-http-password") + "&_csrf=" + enc(csrf.group(1));
		HttpResponse<String> signedIn = http.send(request("/anmelden").header("Cookie", cookies(page))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		String session = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SCHULHAUS_SESSION="))
			.map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();

		HttpResponse<byte[]> dashboard = http.send(request("/").header("Cookie", session).build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(new String(dashboard.body(), StandardCharsets.UTF_8)).contains("Guten Tag, Paula Paket");
		assertThat(dashboard.headers().firstValue("Transfer-Encoding")).isEmpty();
		assertThat(dashboard.headers().firstValueAsLong("Content-Length")).hasValue(dashboard.body().length);
		assertThat(dashboard.headers().firstValue("Content-Security-Policy")).isPresent();
	}

	private String createPupil() throws Exception {
		String school = post("/api/v1/schools", "{\"name\":\"HTTP-Schule\",\"schoolNumber\":\"" + TestSchools.nextSchoolNumber()
				+ "\",\"type\":\"GRUNDSCHULE\"}");
		String schoolId = field(school, "id");
		String user = post("/api/v1/schools/" + schoolId + "/users",
				"{\"firstName\":\"Paula\",\"lastName\":\"Paket\",\"role\":\"PUPIL\",\"password\":\"pupil-http-password\"}");
		return field(user, "login");
	}

	private String post(String path, String json) throws Exception {
		HttpResponse<String> response = http.send(request(path).header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN)
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response.body();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
	}

	private static String cookies(HttpResponse<?> response) {
		List<String> set = response.headers().allValues("Set-Cookie");
		return set.stream().map(c -> c.contains(";") ? c.substring(0, c.indexOf(';')) : c).collect(Collectors.joining("; "));
	}

	private static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		assertThat(m.find()).as(json).isTrue();
		return m.group(1);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
