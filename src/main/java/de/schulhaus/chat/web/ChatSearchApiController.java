package de.schulhaus.chat.web;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.chat.internal.MessageSearch;
import de.schulhaus.chat.internal.MessageView;
import de.schulhaus.platform.SchulhausUser;

/** Search in the messages of the rooms the caller reads now, newest first. */
@RestController
class ChatSearchApiController {

	private final MessageSearch search;

	ChatSearchApiController(MessageSearch search) {
		this.search = search;
	}

	@GetMapping(path = "/api/v1/chat/search", produces = MediaType.APPLICATION_JSON_VALUE)
	List<Found> search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "50") int limit,
			@AuthenticationPrincipal SchulhausUser user) {
		return search.search(user, q, limit).stream()
			.map(hit -> new Found(hit.room().name(), hit.excerpt(), MessageView.of(hit.message(), user.accountId()))).toList();
	}

	/** A message found, with its room's name and the text around the match. */
	record Found(String roomName, String excerpt, MessageView message) {
	}
}
