package de.schulhaus.platform.internal;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.platform.AuditProperties;
import de.schulhaus.platform.internal.AuditRepository.AgedEntry;
import de.schulhaus.platform.internal.AuditRepository.ChainHead;

/**
 * Keeps the audit log no longer than needed (DSGVO): entries lose the client's address after
 * {@link AuditProperties#addressRetention()} and are deleted after {@link AuditProperties#retention()}.
 * Deleting cuts the chain's oldest entries and records in the head where the kept part starts, so it
 * still verifies. Safe on several nodes at once: the cut is made under the head's lock, forgetting
 * addresses twice does no harm.
 */
@Component
class AuditRetention {

	static final int BATCH = 500;
	private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

	private final AuditRepository repository;
	private final AuditProperties properties;
	private final TransactionTemplate transaction;

	AuditRetention(AuditRepository repository, AuditProperties properties, PlatformTransactionManager transactions) {
		this.repository = repository;
		this.properties = properties;
		this.transaction = new TransactionTemplate(transactions);
		transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Scheduled(cron = "0 30 3 * * *")
	@SchedulerLock(name = "platform.audit-retention", lockAtMostFor = "PT2H")
	void run() {
		Instant now = Instant.now();
		int anonymised = forgetAddressesBefore(now.minus(properties.addressRetention()));
		long deleted = deleteBefore(now.minus(properties.retention()));
		ChainHead head = repository.head();
		// the head in the server log too: a copy outside the database that a rewrite of the whole chain cannot change
		log.info("Audit log: {} addresses removed, {} entries deleted; chain head {} {}", anonymised, deleted, head.lastSeq(),
				head.lastHash());
	}

	int forgetAddressesBefore(Instant cutoff) {
		return transaction.execute(status -> repository.forgetAddressesBefore(cutoff));
	}

	/** Deletes the chain's entries older than {@code cutoff} from its start on, a batch per short transaction. */
	long deleteBefore(Instant cutoff) {
		long deleted = 0;
		int batch;
		do {
			batch = transaction.execute(status -> cutBatch(cutoff));
			deleted += batch;
		}
		while (batch == BATCH);
		return deleted;
	}

	// only a prefix of the chain goes: an entry that is older than one before it (another node's clock) waits
	private int cutBatch(Instant cutoff) {
		ChainHead head = repository.lockHead();
		List<AgedEntry> oldest = repository.oldest(head.startSeq(), BATCH);
		int expired = 0;
		while (expired < oldest.size() && oldest.get(expired).occurredAt().isBefore(cutoff)) {
			expired++;
		}
		if (expired > 0) {
			AgedEntry last = oldest.get(expired - 1);
			repository.cutBefore(head.startSeq(), last.seq() + 1, last.hash());
		}
		return expired;
	}
}
