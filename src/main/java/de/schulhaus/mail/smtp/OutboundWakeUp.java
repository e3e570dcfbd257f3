package de.schulhaus.mail.smtp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import de.schulhaus.mail.internal.OutboundQueued;

/**
 * Starts the sender right after mail for outside was committed on this node, instead of at its next turn.
 * Through the sender's bean, so the cluster's job lock applies: when another run holds it, that run or the
 * next one takes the mail.
 */
@Component
class OutboundWakeUp {

	private static final Logger log = LoggerFactory.getLogger(OutboundWakeUp.class);

	private final OutboundSender sender;
	private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "mail-outbound-wake-up");
		thread.setDaemon(true);
		return thread;
	});
	private final AtomicBoolean pending = new AtomicBoolean();

	OutboundWakeUp(OutboundSender sender) {
		this.sender = sender;
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		runner.shutdownNow();
	}

	@TransactionalEventListener
	void queued(OutboundQueued event) {
		// several commits in a row need one run, not one each
		if (pending.compareAndSet(false, true)) {
			runner.execute(() -> {
				pending.set(false);
				try {
					sender.sendDue();
				} catch (RuntimeException e) {
					log.warn("sending mail for outside failed, the job tries again: {}", e.toString());
				}
			});
		}
	}
}
