package de.schulhaus.platform.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.IntegrationTest;
import de.schulhaus.platform.ServiceUnavailableException;

import jakarta.servlet.RequestDispatcher;

/** A service that is down (the blob store, say): a 503 problem for the API, a page that says so for the browser. */
@IntegrationTest
class ServiceUnavailableTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MessageSource messages;

	@RestController
	static class StoreDown {

		@GetMapping("/api/v1/test/store-down")
		String fail() {
			throw new ServiceUnavailableException("blobs", "bucket not reachable", null);
		}
	}

	@Test
	void theApiAnswersWithAProblemAndWhenToTryAgain() throws Exception {
		MockMvc api = MockMvcBuilders.standaloneSetup(new StoreDown()).setControllerAdvice(new ApiProblemHandler(messages)).build();
		api.perform(get("/api/v1/test/store-down").header("Accept-Language", "de"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("Retry-After", "60"))
			.andExpect(jsonPath("$.type").value("urn:schulhaus:problem:service-unavailable"))
			.andExpect(jsonPath("$.service").value("blobs"))
			.andExpect(jsonPath("$.detail").value(containsString("nicht erreichbar")));
		api.perform(get("/api/v1/test/store-down").header("Accept-Language", "en"))
			.andExpect(jsonPath("$.detail").value(containsString("cannot be reached")));
	}

	@Test
	void theBrowserGetsAPageThatSaysNothingWasSaved() throws Exception {
		mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 503).accept(MediaType.TEXT_HTML))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().string(containsString("Vorübergehend nicht verfügbar")))
			.andExpect(content().string(containsString("Es wurde nichts gespeichert")));
		mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 503).accept(MediaType.TEXT_HTML)
				.header("Accept-Language", "en"))
			.andExpect(content().string(containsString("Temporarily unavailable")));
	}
}
