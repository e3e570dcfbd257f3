package de.schulhaus.platform;

import java.util.Set;

/**
 * Web sessions have ended on this node: all of these people's ({@code logins}: an admin's change, a new password, a
 * suspended school) or these sessions themselves ({@code sessionIds}: a sign-out). What a session opened, such as a
 * live chat connection, closes with it at once; on other nodes it closes when they next look at the sessions.
 */
public record WebSessionsEnded(Set<String> logins, Set<String> sessionIds) {

	public WebSessionsEnded {
		logins = Set.copyOf(logins);
		sessionIds = Set.copyOf(sessionIds);
	}
}
