package de.schulhaus.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends people's open web sessions. A session carries the person's role and status from the moment
 * they signed in, so whoever takes access away or changes it (deactivation, deletion, a new role,
 * a reset second factor, a suspended school) ends their sessions too: on every node at once,
 * because sessions live in the database.
 */
@Component
public class SignedInSessions {

	private static final int CHUNK = 500;

	private final JdbcClient jdbc;

	SignedInSessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Signs these people out everywhere; their session attributes go with the rows (on delete cascade). */
	public int endFor(Collection<String> logins) {
		List<String> all = new ArrayList<>(logins);
		int ended = 0;
		for (int from = 0; from < all.size(); from += CHUNK) {
			ended += jdbc.sql("delete from spring_session where principal_name in (:logins)")
				.param("logins", all.subList(from, Math.min(all.size(), from + CHUNK)))
				.update();
		}
		return ended;
	}

	public int endFor(String login) {
		return endFor(List.of(login));
	}

	/** Whether this web session still exists and has not timed out (it ends at sign-out, a new role, a deactivation). */
	public boolean isOpen(String sessionId) {
		return jdbc.sql("select count(*) from spring_session where session_id = :id and expiry_time > :now")
			.param("id", sessionId).param("now", System.currentTimeMillis()).query(Long.class).single() > 0;
	}

	/** Signs the person out everywhere but in the session they are using now (after changing their password). */
	public int endOthers(String login, String keptSessionId) {
		return jdbc.sql("delete from spring_session where principal_name = :login and session_id <> :kept")
			.param("login", login).param("kept", keptSessionId == null ? "" : keptSessionId).update();
	}
}
