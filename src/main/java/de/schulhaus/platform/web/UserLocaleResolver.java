package de.schulhaus.platform.web;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

import de.schulhaus.platform.SchulhausUser;

/**
 * German unless the person chose English: the signed-in person's own setting wins, before sign-in
 * a cookie set by the language switch, else the browser's preference between the two languages.
 */
@Component("localeResolver")
class UserLocaleResolver implements LocaleResolver {

	static final String COOKIE = "SCHULHAUS_LANG";

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof SchulhausUser user) {
			return user.locale();
		}
		if (request.getCookies() != null) {
			for (Cookie cookie : request.getCookies()) {
				if (COOKIE.equals(cookie.getName())) {
					return supported(cookie.getValue());
				}
			}
		}
		String accept = request.getHeader("Accept-Language");
		if (accept != null && !accept.isBlank()) {
			for (Locale.LanguageRange range : Locale.LanguageRange.parse(accept)) {
				String lang = range.getRange().toLowerCase();
				if (lang.startsWith("de")) {
					return Locale.GERMAN;
				}
				if (lang.startsWith("en")) {
					return Locale.ENGLISH;
				}
			}
		}
		return Locale.GERMAN;
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		Cookie cookie = new Cookie(COOKIE, supported(locale == null ? "de" : locale.getLanguage()).getLanguage());
		cookie.setPath("/");
		cookie.setHttpOnly(true);
		cookie.setMaxAge((int) Duration.ofDays(365).toSeconds());
		response.addCookie(cookie);
	}

	static Locale supported(String language) {
		return "en".equalsIgnoreCase(language) ? Locale.ENGLISH : Locale.GERMAN;
	}
}
