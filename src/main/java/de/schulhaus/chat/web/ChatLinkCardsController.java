package de.schulhaus.chat.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import de.schulhaus.calendar.EventCards;
import de.schulhaus.files.CloudFiles;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A link to a calendar event ({@code /kalender/<id>/termin?name=…}) or a cloud file ({@code /dateien/<space>/details?pfad=…})
 * of this platform, pasted into a message, as a card: {@code GET /api/v1/chat/link-card?url=}. The card answers only
 * for a reader who may see what it points at (the calendar's and files' own rules); for everyone else, and for any other
 * address, the 404 of nothing, so the page shows the plain link and no title leaks.
 */
@RestController
class ChatLinkCardsController {

	private static final Pattern EVENT = Pattern.compile("/kalender/([0-9a-fA-F-]{36})/termin");
	private static final Pattern FILE = Pattern.compile("/dateien/([^/]+)/details");

	private final EventCards events;
	private final CloudFiles files;

	ChatLinkCardsController(EventCards events, CloudFiles files) {
		this.events = events;
		this.files = files;
	}

	/** kind {@code event} (title, allDay, start, calendar) or {@code file} (name, size, contentType, place); href where it leads. */
	record LinkCard(String kind, String href, String title, Boolean allDay, LocalDateTime start, String calendar, String name, Long size,
			String contentType, String place) {
	}

	@GetMapping(path = "/api/v1/chat/link-card", produces = MediaType.APPLICATION_JSON_VALUE)
	LinkCard card(@RequestParam(defaultValue = "") String url, HttpServletRequest request, @AuthenticationPrincipal SchulhausUser user) {
		return resolve(url, request, user).orElseThrow(() -> new NotFoundException("link"));
	}

	private Optional<LinkCard> resolve(String url, HttpServletRequest request, SchulhausUser user) {
		UriComponents link;
		try {
			URI uri = new URI(url.strip());
			// this platform's addresses only: relative ones, or those of the host the reader reached
			if (uri.getHost() != null && !uri.getHost().equalsIgnoreCase(request.getServerName())) {
				return Optional.empty();
			}
			link = UriComponentsBuilder.fromUri(uri).build();
		} catch (URISyntaxException | IllegalArgumentException e) {
			return Optional.empty();
		}
		String path = link.getPath() == null ? "" : link.getPath();
		Matcher event = EVENT.matcher(path);
		if (event.matches()) {
			String name = query(link, "name");
			UUID calendar;
			try {
				calendar = UUID.fromString(event.group(1));
			} catch (IllegalArgumentException e) {
				return Optional.empty();
			}
			return events.card(user, calendar, name)
				.map(c -> new LinkCard("event", c.href(), c.title(), c.allDay(), c.start(), c.calendarName(), null, null, null, null));
		}
		Matcher file = FILE.matcher(path);
		if (file.matches()) {
			String space = UriUtils.decode(file.group(1), StandardCharsets.UTF_8);
			return files.atAddress(user, space, query(link, "pfad"))
				.map(f -> new LinkCard("file", f.href(), null, null, null, null, f.name(), f.size(), f.contentType(), f.place()));
		}
		return Optional.empty();
	}

	private static String query(UriComponents link, String name) {
		String value = link.getQueryParams().getFirst(name);
		return value == null ? null : UriUtils.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}
}
