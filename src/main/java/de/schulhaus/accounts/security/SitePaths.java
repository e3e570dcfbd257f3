package de.schulhaus.accounts.security;

import java.util.List;

/** Paths of the web UI that are no page of a signed-in person: sign-in and sign-out, files, errors, probes. */
final class SitePaths {

	private static final List<String> NO_PAGE = List.of("/anmelden", "/abmelden", "/css/", "/js/", "/img/", "/webjars/",
			"/actuator/", "/error", "/favicon");

	private SitePaths() {
	}

	/** {@code path} is relative to the context path. */
	static boolean isNoPage(String path) {
		return NO_PAGE.stream().anyMatch(path::startsWith);
	}
}
