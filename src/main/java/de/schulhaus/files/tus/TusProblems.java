package de.schulhaus.files.tus;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import de.schulhaus.files.internal.UploadProblem;
import tools.jackson.databind.json.JsonMapper;

/** Refused uploads as RFC 9457 problems ({@code urn:schulhaus:problem:…}) in the caller's language, written by Jackson. */
class TusProblems {

	private final MessageSource messages;
	private final JsonMapper json;

	TusProblems(MessageSource messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
	}

	void write(HttpServletResponse response, UploadProblem problem) throws IOException {
		if (problem.status() == HttpStatus.PRECONDITION_FAILED.value()) {
			response.setHeader("Tus-Version", TusEndpoint.VERSION);
		}
		String detail = messages.getMessage(problem.messageKey(), problem.args(), LocaleContextHolder.getLocale());
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(problem.status()), detail);
		body.setType(URI.create("urn:schulhaus:problem:" + problem.type()));
		response.setStatus(problem.status());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getWriter(), body);
	}
}
