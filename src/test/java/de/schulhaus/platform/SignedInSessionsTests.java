package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import de.schulhaus.IntegrationTest;

/** Which web sessions are still open, asked for many at once; and that ending sessions says so to this node. */
@IntegrationTest
@RecordApplicationEvents
class SignedInSessionsTests {

	@Autowired SignedInSessions sessions;
	@Autowired JdbcClient jdbc;
	@Autowired ApplicationEvents events;

	private final String login = "sessions-" + UUID.randomUUID();

	@AfterEach
	void removeRows() {
		jdbc.sql("delete from spring_session where principal_name like :login").param("login", login + "%").update();
	}

	@Test
	void openAmongAnswersTheSessionsThatExistAndHaveNotTimedOutAlsoBeyondOneChunk() {
		// 1,200 open ones: more than one look-up's worth
		List<String> open = IntStream.range(0, 1_200).mapToObj(i -> session(login, System.currentTimeMillis() + 60_000)).toList();
		String timedOut = session(login, System.currentTimeMillis() - 1);
		String gone = "never-" + UUID.randomUUID();

		Set<String> answer = sessions.openAmong(Stream.concat(open.stream(), Stream.of(timedOut, gone, open.get(0))).toList());

		assertThat(answer).hasSize(1_200).containsAll(open).doesNotContain(timedOut, gone);
		assertThat(sessions.openAmong(List.of())).isEmpty();
	}

	@Test
	void endingSessionsSaysWhoseOrWhichEnded() {
		String mine = session(login, System.currentTimeMillis() + 60_000);
		String other = session(login, System.currentTimeMillis() + 60_000);
		String third = session(login, System.currentTimeMillis() + 60_000);

		assertThat(sessions.endOthers(login, mine)).isEqualTo(2);
		assertThat(events.stream(WebSessionsEnded.class)).containsExactly(new WebSessionsEnded(Set.of(), Set.of(other, third)));
		assertThat(sessions.openAmong(List.of(mine, other, third))).containsExactly(mine);

		sessions.signedOut(mine);
		assertThat(events.stream(WebSessionsEnded.class)).last().isEqualTo(new WebSessionsEnded(Set.of(), Set.of(mine)));

		assertThat(sessions.endFor(login)).isOne();
		assertThat(events.stream(WebSessionsEnded.class)).last().isEqualTo(new WebSessionsEnded(Set.of(login), Set.of()));
		assertThat(sessions.openAmong(List.of(mine))).isEmpty();
	}

	private String session(String principal, long expiresAt) {
		String id = UUID.randomUUID().toString();
		jdbc.sql("insert into spring_session (primary_id, session_id, creation_time, last_access_time, max_inactive_interval, expiry_time, "
				+ "principal_name) values (:primary, :id, :now, :now, 1800, :expiry, :principal)")
			.param("primary", UUID.randomUUID().toString()).param("id", id).param("now", System.currentTimeMillis()).param("expiry", expiresAt)
			.param("principal", principal).update();
		return id;
	}
}
