package de.schulhaus.calendar.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import de.schulhaus.TestSchools;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/** A CalDAV client's requests through MockMvc, signed in with an app password of scope calendar. */
final class CalDavClient {

	record Person(SchulhausUser user, String secret) {

		String home() {
			return "/caldav/" + user.login() + "/";
		}
	}

	private final MockMvc mvc;
	private final ClientCredentials credentials;
	private final AccountUserDetailsService users;

	CalDavClient(MockMvc mvc, ClientCredentials credentials, AccountUserDetailsService users) {
		this.mvc = mvc;
		this.credentials = credentials;
		this.users = users;
	}

	Person person(TestSchools.UserRef ref) {
		SchulhausUser user = users.load(ref.login()).orElseThrow();
		return new Person(user, credentials.createAppPassword(user, "Kalender", Set.of(Scope.CALENDAR), null).secret());
	}

	static MockHttpServletRequestBuilder caldav(Person person, String method, String path) {
		return request(HttpMethod.valueOf(method), java.net.URI.create(path)).with(httpBasic(person.user().login(), person.secret()));
	}

	MockHttpServletResponse perform(MockHttpServletRequestBuilder builder) throws Exception {
		return mvc.perform(builder).andReturn().getResponse();
	}

	String text(MockHttpServletRequestBuilder builder) throws Exception {
		return perform(builder).getContentAsString(StandardCharsets.UTF_8);
	}

	void put(Person person, String path, String body) throws Exception {
		assertThat(perform(caldav(person, "PUT", path).contentType("text/calendar").content(body)).getStatus()).isIn(201, 204);
	}

	static String sync(String token) {
		return """
				<D:sync-collection xmlns:D="DAV:"><D:sync-token>%s</D:sync-token><D:sync-level>1</D:sync-level>
				<D:prop><D:getetag/></D:prop></D:sync-collection>""".formatted(token);
	}

	static String token(String xml) {
		Matcher m = Pattern.compile("<D:sync-token>([^<]+)</D:sync-token>").matcher(xml);
		assertThat(m.find()).as("a sync token in " + xml).isTrue();
		return m.group(1);
	}
}
