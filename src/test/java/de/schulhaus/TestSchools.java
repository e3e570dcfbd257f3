package de.schulhaus;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/**
 * Test data through the public API, as an operator's script would create it. School numbers are
 * unique per run, so tests sharing one PostgreSQL database never collide.
 */
public final class TestSchools {

	public static final String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";
	private static final AtomicInteger NUMBERS = new AtomicInteger(ThreadLocalRandom.current().nextInt(100_000, 900_000));

	private final MockMvc mvc;

	public TestSchools(MockMvc mvc) {
		this.mvc = mvc;
	}

	public static String nextSchoolNumber() {
		return String.valueOf(NUMBERS.incrementAndGet() % 900_000 + 100_000);
	}

	public SchoolRef createSchool(String name) throws Exception {
		String number = nextSchoolNumber();
		String body = mvc.perform(post("/api/v1/schools").header("Authorization", "Bearer " + OPERATOR_TOKEN)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + name + "\",\"schoolNumber\":\"" + number + "\",\"type\":\"GYMNASIUM\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return new SchoolRef(UUID.fromString(JsonPath.read(body, "$.id")), number, JsonPath.read(body, "$.mailDomain"));
	}

	public UserRef createUser(SchoolRef school, String first, String last, String role, String password, String group) throws Exception {
		String groups = group == null ? "" : ",\"groups\":[\"" + group + "\"]";
		String pw = password == null ? "" : ",\"password\":\"" + password + "\"";
		String body = mvc.perform(post("/api/v1/schools/" + school.id() + "/users").header("Authorization", "Bearer " + OPERATOR_TOKEN)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"firstName\":\"" + first + "\",\"lastName\":\"" + last + "\",\"role\":\"" + role + "\"" + pw + groups + "}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return new UserRef(UUID.fromString(JsonPath.read(body, "$.id")), JsonPath.read(body, "$.login"), password);
	}

	public String me(UserRef user) throws Exception {
		return mvc.perform(get("/api/v1/me").with(httpBasic(user.login(), user.password())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	public record SchoolRef(UUID id, String number, String domain) {
	}

	public record UserRef(UUID id, String login, String password) {
	}
}
