package de.schulhaus.accounts.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.SignedInSessions;

/**
 * What the session opened on this node (a live chat connection in another tab) closes with the sign-out at once, not
 * when the node next looks at its connections' sessions. Runs before the session itself is ended.
 */
@Component
class SignOutClosesLiveConnections implements LogoutHandler {

	private final SignedInSessions sessions;

	SignOutClosesLiveConnections(SignedInSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			sessions.signedOut(session.getId());
		}
	}
}
