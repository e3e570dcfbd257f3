package de.schulhaus.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
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
	private final ApplicationEventPublisher events;

	SignedInSessions(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * Signs these people out everywhere; their session attributes go with the rows (on delete cascade). What their
	 * sessions opened on this node closes at once ({@link WebSessionsEnded}).
	 */
	public int endFor(Collection<String> logins) {
		List<String> all = new ArrayList<>(logins);
		int ended = 0;
		for (int from = 0; from < all.size(); from += CHUNK) {
			ended += jdbc.sql("delete from spring_session where principal_name in (:logins)")
				.param("logins", all.subList(from, Math.min(all.size(), from + CHUNK)))
				.update();
		}
		if (!all.isEmpty()) {
			events.publishEvent(new WebSessionsEnded(Set.copyOf(all), Set.of()));
		}
		return ended;
	}

	/** The person signed out of this session (the sign-out itself removes its row): what it opened closes too. */
	public void signedOut(String sessionId) {
		events.publishEvent(new WebSessionsEnded(Set.of(), Set.of(sessionId)));
	}

	public int endFor(String login) {
		return endFor(List.of(login));
	}

	/**
	 * Those of these web sessions that still exist and have not timed out (a session ends at sign-out, a new role, a
	 * deactivation): one look-up for many, so that a node can check all its live connections' sessions at once.
	 */
	public Set<String> openAmong(Collection<String> sessionIds) {
		List<String> all = List.copyOf(new HashSet<>(sessionIds));
		Set<String> open = new HashSet<>();
		long now = System.currentTimeMillis();
		for (int from = 0; from < all.size(); from += CHUNK) {
			open.addAll(jdbc.sql("select session_id from spring_session where session_id in (:ids) and expiry_time > :now")
				.param("ids", all.subList(from, Math.min(all.size(), from + CHUNK))).param("now", now).query(String.class).list());
		}
		return open;
	}

	/** Signs the person out everywhere but in the session they are using now (after changing their password). */
	public int endOthers(String login, String keptSessionId) {
		String kept = keptSessionId == null ? "" : keptSessionId;
		List<String> others = jdbc.sql("select session_id from spring_session where principal_name = :login and session_id <> :kept")
			.param("login", login).param("kept", kept).query(String.class).list();
		int ended = jdbc.sql("delete from spring_session where principal_name = :login and session_id <> :kept")
			.param("login", login).param("kept", kept).update();
		if (!others.isEmpty()) {
			events.publishEvent(new WebSessionsEnded(Set.of(), Set.copyOf(others)));
		}
		return ended;
	}
}
