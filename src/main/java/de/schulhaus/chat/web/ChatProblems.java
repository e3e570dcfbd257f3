package de.schulhaus.chat.web;

import java.net.URI;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import de.schulhaus.chat.internal.MessageDeletedException;
import de.schulhaus.chat.internal.NotAllowedException;
import de.schulhaus.chat.internal.PostingNotAllowedException;
import de.schulhaus.chat.internal.TooManyRoomsException;

/**
 * The messenger's own refusals as RFC 9457 problems in the caller's language, for every controller of
 * the chat API: not allowed here (403: a read-only, locked or muted room, someone else's message, a leader's tool for
 * someone who does not lead the room), and a message that
 * was deleted meanwhile (409).
 */
@RestControllerAdvice(basePackageClasses = ChatProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChatProblems {

	private final MessageSource texts;

	ChatProblems(MessageSource texts) {
		this.texts = texts;
	}

	@ExceptionHandler(PostingNotAllowedException.class)
	ResponseEntity<ProblemDetail> notAllowed(PostingNotAllowedException e) {
		return problem(HttpStatus.FORBIDDEN, "chat.error.notYours".equals(e.messageKey()) ? "not-allowed" : "read-only", e.messageKey(),
				ChatRefusals.args(e));
	}

	/** A reader of the room who may not do this there (not one of its leaders, not to oneself). */
	@ExceptionHandler(NotAllowedException.class)
	ResponseEntity<ProblemDetail> notAllowed(NotAllowedException e) {
		return problem(HttpStatus.FORBIDDEN, "not-allowed", e.messageKey(), null);
	}

	/** Too many new chats within the hour: 429, with when the next one is possible. */
	@ExceptionHandler(TooManyRoomsException.class)
	ResponseEntity<ProblemDetail> tooManyRooms(TooManyRoomsException e) {
		ResponseEntity<ProblemDetail> problem = problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-chats", TooManyRoomsException.MESSAGE_KEY, null);
		return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000))).body(problem.getBody());
	}

	@ExceptionHandler(MessageDeletedException.class)
	ResponseEntity<ProblemDetail> deleted(MessageDeletedException e) {
		return problem(HttpStatus.CONFLICT, "deleted", e.messageKey(), null);
	}

	private ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String key, Object[] args) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, texts.getMessage(key, args, key, LocaleContextHolder.getLocale()));
		problem.setType(URI.create("urn:schulhaus:problem:chat:" + type));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
