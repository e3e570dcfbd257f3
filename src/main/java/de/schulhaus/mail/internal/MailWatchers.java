package de.schulhaus.mail.internal;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Who waits for changes of a mailbox on this node: IMAP sessions in IDLE, the webmail's live view. A
 * change is announced after its transaction commits, with the folder it touched, so a watcher that
 * reads at once sees it.
 */
@Component
public class MailWatchers {

	private final ConcurrentHashMap<UUID, Set<Consumer<UUID>>> byMailbox = new ConcurrentHashMap<>();

	/** Calls {@code onChange} with the folder's id after every committed change of the mailbox, until closed. */
	public AutoCloseable watch(UUID mailboxId, Consumer<UUID> onChange) {
		byMailbox.computeIfAbsent(mailboxId, id -> ConcurrentHashMap.newKeySet()).add(onChange);
		return () -> byMailbox.computeIfPresent(mailboxId, (id, set) -> {
			set.remove(onChange);
			return set.isEmpty() ? null : set;
		});
	}

	/** Announces a change of the folder once the current transaction commits (at once without one). */
	void changed(UUID mailboxId, UUID folderId) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					fire(mailboxId, folderId);
				}
			});
		} else {
			fire(mailboxId, folderId);
		}
	}

	private void fire(UUID mailboxId, UUID folderId) {
		Set<Consumer<UUID>> watchers = byMailbox.get(mailboxId);
		if (watchers != null) {
			for (Consumer<UUID> watcher : watchers) {
				try {
					watcher.accept(folderId);
				} catch (RuntimeException e) {
					// one broken watcher must not keep the others from hearing
				}
			}
		}
	}
}
