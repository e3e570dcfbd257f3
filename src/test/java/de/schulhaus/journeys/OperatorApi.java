package de.schulhaus.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.TestSchools;

/** The operator's API of the server under test, with which a journey sets up its school and people. */
final class OperatorApi {

	private final HttpClient http = HttpClient.newHttpClient();
	private final String base;

	OperatorApi(int port) {
		this.base = "http://localhost:" + port;
	}

	/** Posts JSON that must create something (201) and answers the field of the answer this JSONPath names. */
	String post(String path, String json, String field) throws Exception {
		HttpResponse<String> response = http.send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return JsonPath.read(response.body(), field);
	}

	/** The body of a GET that must succeed. */
	String get(String path) throws Exception {
		HttpResponse<String> response = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TestSchools.OPERATOR_TOKEN);
	}
}
