package de.schulhaus.platform.internal;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds back explicit flushes of HTML pages until the page is complete. Thymeleaf flushes after
 * every page, which commits the response while the filters are still running: Spring Session then
 * commits the session twice and reads it from the database again (one query and transaction per
 * page view), and Tomcat must send the page chunked. Without the flush the container sends the page
 * in one piece with a Content-Length. A page larger than the response buffer is still sent as it
 * fills the buffer; anything that is not HTML (downloads, event streams) flushes as it asks.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE) // inside all other filters: Spring Session's and Spring Security's writers act on a flush
class WholePageResponses extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new HtmlResponse(response));
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

	static final class HtmlResponse extends HttpServletResponseWrapper {

		private PrintWriter writer;

		HtmlResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (writer == null) {
				PrintWriter real = super.getWriter();
				writer = isHtml() ? new PrintWriter(real, false) {
					@Override
					public void flush() {
						// the container flushes once the page is complete
					}
				} : real;
			}
			return writer;
		}

		private boolean isHtml() {
			String type = getContentType();
			return type != null && type.regionMatches(true, 0, "text/html", 0, 9);
		}
	}
}
