package de.schulhaus.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/** Flushes of HTML pages wait for the whole page; other content flushes when it asks. */
class WholePageResponsesTests {

	@Test
	void anHtmlPageIsNotCommittedByAFlush() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		var wrapped = new WholePageResponses.HtmlResponse(response);
		wrapped.setContentType("text/html;charset=UTF-8");
		PrintWriter writer = wrapped.getWriter();
		writer.write("<!doctype html><title>Start</title>");
		writer.flush();
		assertThat(response.isCommitted()).isFalse();
		assertThat(writer.checkError()).isFalse();
		assertThat(response.getContentAsString()).isEqualTo("<!doctype html><title>Start</title>");
	}

	@Test
	void anEventStreamIsFlushedAtOnce() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		var wrapped = new WholePageResponses.HtmlResponse(response);
		wrapped.setContentType("text/event-stream");
		wrapped.getWriter().write("data: hallo\n\n");
		wrapped.getWriter().flush();
		assertThat(response.isCommitted()).isTrue();
	}
}
