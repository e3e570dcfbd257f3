package de.schulhaus.files.web;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * How a person sees folders: as a list or as tiles. The choice travels as {@code ?ansicht=kacheln}
 * once and is then remembered in a cookie the server reads, so the next folder is rendered right
 * the first time instead of flashing the list before a script swaps it.
 */
enum FolderView {

	LIST("liste"), GRID("kacheln");

	static final String COOKIE = "SCHULHAUS_DATEIANSICHT";

	/** The value of {@code ansicht} in the query and in the cookie. */
	final String param;

	FolderView(String param) {
		this.param = param;
	}

	/** The view asked for in the query (then remembered), else the remembered one, else the list. */
	static FolderView chosen(String asked, String remembered, HttpServletRequest request, HttpServletResponse response) {
		if (asked != null) {
			FolderView view = of(asked);
			response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, view.param).path(FileLocation.ROOT).httpOnly(true)
				.secure(request.isSecure()).sameSite("Lax").maxAge(Duration.ofDays(365)).build().toString());
			return view;
		}
		return of(remembered);
	}

	static FolderView of(String value) {
		return GRID.param.equals(value) ? GRID : LIST;
	}
}
