package de.schulhaus.accounts.security;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * State-changing API calls must say they send JSON (or one of the documented roster upload types),
 * even without a body. A page on another site can make a browser send only form encodings or
 * text/plain, or nothing, without asking this server first (CORS preflight), and a browser that
 * knows Basic credentials for this site would send them along: such requests are refused with 415
 * before anyone is authenticated.
 */
class ApiContentTypeFilter extends OncePerRequestFilter {

	static final Set<String> ALLOWED = Set.of("application/json", "application/merge-patch+json", "text/csv", "application/zip",
			"application/x-zip-compressed", "application/xml", "text/xml", "application/octet-stream",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.oasis.opendocument.spreadsheet");

	private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH");

	private final ProblemResponses problems;

	ApiContentTypeFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !STATE_CHANGING.contains(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
		if (!ALLOWED.contains(mediaType)) {
			problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Send Content-Type: application/json (also for calls without a body), or a roster file's own type.");
			return;
		}
		chain.doFilter(request, response);
	}
}
