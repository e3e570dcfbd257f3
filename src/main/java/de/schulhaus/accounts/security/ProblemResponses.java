package de.schulhaus.accounts.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 answers for the API's 401 and 403, written before any controller runs. */
@Component
class ProblemResponses {

	/**
	 * The challenge only answers a request that brought credentials: a browser shown a Basic
	 * challenge for a cross-site request would ask for a password and then send it along with every
	 * later request from any site.
	 */
	void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
		if (request.getHeader("Authorization") != null) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"Schulhaus\", charset=\"UTF-8\"");
		}
		write(response, HttpStatus.UNAUTHORIZED, "Sign in with a bearer token or HTTP Basic and an app password.");
	}

	void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
		write(response, HttpStatus.FORBIDDEN, "Your role does not allow this.");
	}

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	/** An RFC 9457 problem, written by Jackson like every other problem of the API. */
	void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getWriter(), ProblemDetail.forStatusAndDetail(status, detail));
	}
}
