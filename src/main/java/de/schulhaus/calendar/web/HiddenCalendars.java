package de.schulhaus.calendar.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

import de.schulhaus.calendar.internal.Calendar;

/**
 * The calendars a person switched off in the list beside the views, remembered in a cookie the server
 * reads, so that every view is rendered with the right events the first time.
 */
final class HiddenCalendars {

	static final String COOKIE = "SCHULHAUS_KALENDER_AUS";

	private HiddenCalendars() {
	}

	/**
	 * The hidden calendars' ids: when the list was sent ({@code shown} not null), all the person sees but
	 * those ticked, remembered; else the remembered ones.
	 */
	static Set<String> chosen(List<Calendar> visible, List<String> shown, String remembered, HttpServletRequest request,
			HttpServletResponse response) {
		if (shown != null) {
			Set<String> hidden = visible.stream().map(c -> c.id().toString()).filter(id -> !shown.contains(id))
				.collect(Collectors.toCollection(LinkedHashSet::new));
			response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, String.join(".", hidden)).path("/kalender").httpOnly(true)
				.secure(request.isSecure()).sameSite("Lax").maxAge(Duration.ofDays(365)).build().toString());
			return hidden;
		}
		if (remembered == null || remembered.isBlank()) {
			return Set.of();
		}
		return Arrays.stream(remembered.split("\\.")).collect(Collectors.toSet());
	}
}
