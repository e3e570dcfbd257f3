package de.schulhaus.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;

class CoarseAccessTimeSessionsTests {

	private final Map<String, org.springframework.session.Session> store = new ConcurrentHashMap<>();

	@SuppressWarnings("unchecked")
	private final FindByIndexNameSessionRepository<?> sessions = (FindByIndexNameSessionRepository<?>) new CoarseAccessTimeSessions()
		.postProcessAfterInitialization(new IndexedMapSessions(store), "sessionRepository");

	@Test
	void accessWithinTheStepIsNotWrittenButALaterOneIs() {
		MapSession stored = new MapSession();
		stored.setMaxInactiveInterval(Duration.ofMinutes(60));
		// relative to now: the in-memory repository forgets sessions that have expired by the clock
		Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		stored.setLastAccessedTime(start);
		store.put(stored.getId(), stored);

		touch(stored.getId(), start.plusSeconds(30));
		assertThat(store.get(stored.getId()).getLastAccessedTime()).isEqualTo(start);

		touch(stored.getId(), start.plusSeconds(61));
		assertThat(store.get(stored.getId()).getLastAccessedTime()).isEqualTo(start.plusSeconds(61));
	}

	@Test
	void aPageThatPollsDoesNotKeepTheSessionAlive() {
		MapSession stored = new MapSession();
		stored.setMaxInactiveInterval(Duration.ofMinutes(60));
		Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		stored.setLastAccessedTime(start);
		store.put(stored.getId(), stored);
		var poll = new org.springframework.mock.web.MockHttpServletRequest("GET", "/benachrichtigungen/anzahl");
		poll.addHeader(CoarseAccessTimeSessions.POLL_HEADER, "true");
		org.springframework.web.context.request.RequestContextHolder.setRequestAttributes(
				new org.springframework.web.context.request.ServletRequestAttributes(poll));
		try {
			touch(stored.getId(), start.plusSeconds(120));
		}
		finally {
			org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
		}
		assertThat(store.get(stored.getId()).getLastAccessedTime()).isEqualTo(start);

		touch(stored.getId(), start.plusSeconds(180));
		assertThat(store.get(stored.getId()).getLastAccessedTime()).isEqualTo(start.plusSeconds(180));
	}

	@Test
	void shortTimeoutsGetAShorterStep() {
		assertThat(CoarseAccessTimeSessions.CoarseAccessTimeRepository.step(Duration.ofMinutes(60))).isEqualTo(Duration.ofMinutes(1));
		assertThat(CoarseAccessTimeSessions.CoarseAccessTimeRepository.step(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void attributesAndNewSessionsPassThrough() {
		@SuppressWarnings("unchecked")
		var repository = (FindByIndexNameSessionRepository<org.springframework.session.Session>) sessions;
		var created = repository.createSession();
		created.setAttribute("answer", 42);
		repository.save(created);
		assertThat((Integer) repository.findById(created.getId()).getAttribute("answer")).isEqualTo(42);
		repository.deleteById(created.getId());
		assertThat(repository.findById(created.getId())).isNull();
	}

	@SuppressWarnings("unchecked")
	private void touch(String id, Instant at) {
		var repository = (FindByIndexNameSessionRepository<org.springframework.session.Session>) sessions;
		var session = repository.findById(id);
		session.setLastAccessedTime(at);
		repository.save(session);
	}

	/** The in-memory repository of Spring Session, with the index lookup the decorator expects. */
	private static final class IndexedMapSessions extends MapSessionRepository
			implements FindByIndexNameSessionRepository<MapSession> {

		IndexedMapSessions(Map<String, org.springframework.session.Session> store) {
			super(store);
		}

		@Override
		public Map<String, MapSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			return Map.of();
		}
	}
}
