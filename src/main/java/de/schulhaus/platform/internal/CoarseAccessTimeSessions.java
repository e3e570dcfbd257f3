package de.schulhaus.platform.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sessions whose last-access time is written at most once a minute. Spring Session stores the
 * access time on every request, which makes every page view a database write and commit; a
 * minute's precision on a 60-minute timeout is enough. A session may therefore end up to
 * {@link CoarseAccessTimeRepository#step} before its exact timeout, never later.
 * <p>
 * A page's background polls (the bell's count) carry the header {@value #POLL_HEADER} and are no
 * access at all: an open tab must not keep a session alive past its timeout on a shared computer.
 */
@Component
class CoarseAccessTimeSessions implements BeanPostProcessor {

	/** Sent by htmx polls ({@code hx-headers}); whoever sends it only lets their own session end sooner. */
	static final String POLL_HEADER = "Schulhaus-Poll";

	@Override
	@SuppressWarnings("unchecked")
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof FindByIndexNameSessionRepository<?> sessions && !(bean instanceof CoarseAccessTimeRepository<?>)) {
			return new CoarseAccessTimeRepository<>((FindByIndexNameSessionRepository<Session>) sessions);
		}
		return bean;
	}

	static final class CoarseAccessTimeRepository<S extends Session>
			implements FindByIndexNameSessionRepository<CoarseAccessTimeSession<S>> {

		private static final Duration MAX_STEP = Duration.ofMinutes(1);

		private final FindByIndexNameSessionRepository<S> delegate;

		CoarseAccessTimeRepository(FindByIndexNameSessionRepository<S> delegate) {
			this.delegate = delegate;
		}

		@Override
		public CoarseAccessTimeSession<S> createSession() {
			return wrap(delegate.createSession());
		}

		@Override
		public void save(CoarseAccessTimeSession<S> session) {
			delegate.save(session.delegate);
		}

		@Override
		public CoarseAccessTimeSession<S> findById(String id) {
			S session = delegate.findById(id);
			return session == null ? null : wrap(session);
		}

		@Override
		public void deleteById(String id) {
			delegate.deleteById(id);
		}

		@Override
		public Map<String, CoarseAccessTimeSession<S>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			Map<String, CoarseAccessTimeSession<S>> wrapped = new LinkedHashMap<>();
			delegate.findByIndexNameAndIndexValue(indexName, indexValue).forEach((id, s) -> wrapped.put(id, wrap(s)));
			return wrapped;
		}

		private CoarseAccessTimeSession<S> wrap(S session) {
			return new CoarseAccessTimeSession<>(session, step(session.getMaxInactiveInterval()));
		}

		/** A tenth of the timeout, at most a minute. */
		static Duration step(Duration maxInactive) {
			Duration tenth = maxInactive.dividedBy(10);
			return tenth.compareTo(MAX_STEP) < 0 ? tenth : MAX_STEP;
		}
	}

	/** Passes everything through except access times that are less than {@code step} newer. */
	static final class CoarseAccessTimeSession<S extends Session> implements Session {

		private final S delegate;
		private final Duration step;

		CoarseAccessTimeSession(S delegate, Duration step) {
			this.delegate = delegate;
			this.step = step;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (Duration.between(delegate.getLastAccessedTime(), lastAccessedTime).compareTo(step) >= 0 && !isPoll()) {
				delegate.setLastAccessedTime(lastAccessedTime);
			}
		}

		// Spring Session touches the session when security first reads it, after the request context is bound
		private static boolean isPoll() {
			return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
					&& request.getRequest().getHeader(POLL_HEADER) != null;
		}

		@Override
		public String getId() {
			return delegate.getId();
		}

		@Override
		public String changeSessionId() {
			return delegate.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return delegate.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return delegate.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			delegate.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			delegate.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return delegate.getCreationTime();
		}

		@Override
		public Instant getLastAccessedTime() {
			return delegate.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			delegate.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return delegate.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return delegate.isExpired();
		}
	}
}
