package de.schulhaus.sample;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.HttpRequestHandler;

import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.SchulhausUser;

/** Answers {@code …/<notification id>} with the caller's own notification's title key; 404 for any other id. */
class NotificationText implements HttpRequestHandler {

	private final Notifications notifications;

	NotificationText(Notifications notifications) {
		this.notifications = notifications;
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getRequestURI();
		String last = path.substring(path.lastIndexOf('/') + 1);
		var auth = SecurityContextHolder.getContext().getAuthentication();
		UUID id;
		try {
			id = UUID.fromString(last);
		}
		catch (IllegalArgumentException e) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		if (!(auth != null && auth.getPrincipal() instanceof SchulhausUser user)) {
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		var entry = notifications.find(user, id);
		if (entry.isEmpty()) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		response.setContentType("text/plain;charset=UTF-8");
		response.getWriter().write(entry.get().titleKey());
	}
}
