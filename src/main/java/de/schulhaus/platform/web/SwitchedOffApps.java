package de.schulhaus.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import de.schulhaus.platform.Apps;
import de.schulhaus.platform.SchulhausUser;

/**
 * Refuses (403) every path of an app that the person's school switched off for their role: pages,
 * fragments, and also a module's servlets and protocol endpoints below the app's path, which no
 * controller advice would see. After Spring Security (order -100), which has put the person in place.
 */
@Component
@Order(0)
class SwitchedOffApps extends OncePerRequestFilter {

	private final Apps apps;

	SwitchedOffApps(Apps apps) {
		this.apps = apps;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !apps.isAppPath(path(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof SchulhausUser person
				&& apps.switchedOffAt(person, path(request)).isPresent()) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		chain.doFilter(request, response);
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}
}
