package de.schulhaus.mail.imap;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IDLE (RFC 2177): while the connection's thread waits for DONE, a second thread pushes the folder's
 * changes as {@code MailWatchers} announces their commits.
 */
final class Idle {

	private static final Logger log = LoggerFactory.getLogger(Idle.class);

	private final ImapSession session;
	private final Executor executor;

	Idle(ImapSession session, Executor executor) {
		this.session = session;
		this.executor = executor;
	}

	/** IDLE (RFC 2177): changes are pushed as they are committed until the client sends DONE. */
	void run(String tag) throws IOException {
		session.in().end();
		session.out().line("+ idling").flush();
		session.reportChanges();
		session.out().flush();
		Semaphore stopped = new Semaphore(0);
		boolean[] stop = { false };
		executor.execute(() -> {
			try {
				while (true) {
					session.changed.tryAcquire(60, TimeUnit.SECONDS);
					synchronized (session.lock) {
						if (stop[0]) {
							break;
						}
						session.reportChanges();
						session.out().flush();
					}
				}
			} catch (InterruptedException | IOException | RuntimeException e) {
				log.debug("IDLE push ended: {}", e.getMessage());
			} finally {
				stopped.release();
			}
		});
		try {
			session.waiting = true;
			String done = session.in().restOfLine();
			session.waiting = false;
			if (!done.equalsIgnoreCase("DONE")) {
				throw new BadCommandException("expected DONE to end IDLE");
			}
		} finally {
			synchronized (session.lock) {
				session.waiting = false;
				stop[0] = true;
			}
			session.changed.release();
			stopped.acquireUninterruptibly();
		}
		session.reportChanges();
		session.ok(tag, "IDLE terminated");
	}
}
