package de.schulhaus.accounts.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * This node's count of changes to anybody's sign-in (password, second factor, status, role, app
 * passwords, deletion). A protocol sign-in remembered on this node trusts its last check of the
 * account's credentials version for a moment only while this count has not moved: a change made
 * on this node is felt by the very next request, one made on another node within that moment.
 * Counted when the change is written and again when its transaction ends, so that a request which
 * read the version between the two cannot keep the old answer.
 */
@Component
public class CredentialChanges {

	private final AtomicLong count = new AtomicLong();

	public long current() {
		return count.get();
	}

	public void changed() {
		count.incrementAndGet();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					count.incrementAndGet();
				}
			});
		}
	}
}
