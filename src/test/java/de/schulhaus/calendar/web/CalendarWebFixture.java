package de.schulhaus.calendar.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.Scope;
import de.schulhaus.platform.SchulhausUser;

/** People of a school using the calendar's pages, and the same events seen over CalDAV. */
final class CalendarWebFixture {

	private final MockMvc mvc;
	private final ClientCredentials credentials;

	CalendarWebFixture(MockMvc mvc, ClientCredentials credentials) {
		this.mvc = mvc;
		this.credentials = credentials;
	}

	MockHttpServletResponse perform(SchulhausUser person, MockHttpServletRequestBuilder builder) throws Exception {
		return mvc.perform(builder.with(user(person)).with(csrf())).andReturn().getResponse();
	}

	String page(SchulhausUser person, String url) throws Exception {
		MockHttpServletResponse response = perform(person, get(url));
		if (response.getStatus() != 200) {
			throw new AssertionError(url + " answered " + response.getStatus());
		}
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	/** The dialog's form sent with these fields (the rest as a new one-hour event would have them). */
	MockHttpServletResponse send(SchulhausUser person, String action, Map<String, String> fields) throws Exception {
		MockHttpServletRequestBuilder post = post(action);
		Map<String, String> defaults = Map.of("ansicht", "monat", "wiederholung", "keine", "ende", "nie", "erinnerung", "keine");
		defaults.forEach((k, v) -> {
			if (!fields.containsKey(k)) {
				post.param(k, v);
			}
		});
		fields.forEach((k, v) -> {
			for (String value : v.split("\\|")) {
				post.param(k, value);
			}
		});
		return perform(person, post);
	}

	String caldavSecret(SchulhausUser person) {
		return credentials.createAppPassword(person, "Kalender", Set.of(Scope.CALENDAR), null).secret();
	}

	MockHttpServletResponse caldav(SchulhausUser person, String secret, String method, String path, String body) throws Exception {
		MockHttpServletRequestBuilder builder = request(HttpMethod.valueOf(method), java.net.URI.create(path))
			.with(httpBasic(person.login(), secret));
		if (body != null) {
			builder.contentType("text/calendar; charset=utf-8").content(body);
		}
		return mvc.perform(builder).andReturn().getResponse();
	}

	/** The month view's cell of a day. */
	static String cell(String page, String date) {
		Matcher m = Pattern.compile("<td [^>]*data-date=\"" + date + "\"[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(page);
		if (!m.find()) {
			throw new AssertionError("no cell for " + date);
		}
		return m.group(1);
	}

	/** The week or day view's column of a day: from its start to the next column or the grid's end. */
	static String column(String page, String date) {
		Matcher m = Pattern.compile("<div class=\"day-column[^\"]*\"\\s+data-date=\"" + date + "\"[^>]*>").matcher(page);
		if (!m.find()) {
			throw new AssertionError("no column for " + date);
		}
		int next = page.indexOf("<div class=\"day-column", m.end());
		return page.substring(m.end(), next < 0 ? page.indexOf("<dialog", m.end()) : next);
	}

	/** The object name of the first event link on the page whose text contains the title. */
	static String[] link(String page, String title) {
		Matcher m = Pattern.compile("href=\"/kalender/([0-9a-f-]+)/termin\\?name=([^\"&]+)(?:&amp;instanz=([^\"]+))?\"[^>]*>(?:(?!</a>).)*" + Pattern.quote(title),
				Pattern.DOTALL).matcher(page);
		if (!m.find()) {
			throw new AssertionError("no link to " + title);
		}
		return new String[] { m.group(1), m.group(2), m.group(3) };
	}
}
