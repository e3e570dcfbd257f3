package de.schulhaus.platform.internal;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.platform.AuditVerification;
import de.schulhaus.platform.AuditVerification.Reason;
import de.schulhaus.platform.internal.AuditRepository.ChainHead;
import de.schulhaus.platform.internal.AuditRepository.ChainedEntry;

/**
 * Walks the audit chain from its kept start to its head, a page at a time, and reports the first
 * place where it breaks. Runs in one read-only snapshot (repeatable read), so entries appended or
 * deleted by retention meanwhile neither show up as damage nor block anybody.
 */
@Component
public class AuditChainVerifier {

	static final int PAGE = 500;

	private final AuditRepository repository;
	private final TransactionTemplate snapshot;

	AuditChainVerifier(AuditRepository repository, PlatformTransactionManager transactions) {
		this.repository = repository;
		this.snapshot = new TransactionTemplate(transactions);
		snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		snapshot.setReadOnly(true);
	}

	public AuditVerification verify() {
		return snapshot.execute(status -> walk());
	}

	private AuditVerification walk() {
		ChainHead head = repository.head();
		Walk walk = new Walk(head.startSeq(), head.startPrevHash());
		List<ChainedEntry> page;
		do {
			page = repository.chain(walk.nextSeq, head.lastSeq(), PAGE);
			page.forEach(walk::check);
		}
		while (page.size() == PAGE);
		boolean tailMatches = walk.nextSeq == head.lastSeq() + 1 && walk.previousHash.equals(head.lastHash());
		if (walk.nextSeq <= head.lastSeq()) {
			walk.broken(walk.nextSeq, Reason.MISSING); // the last entries are gone
		}
		repository.firstBefore(head.startSeq()).ifPresent(seq -> walk.broken(seq, Reason.INSERTED));
		var beyondHead = repository.firstAfter(head.lastSeq());
		beyondHead.ifPresent(seq -> walk.broken(seq, Reason.INSERTED));
		tailMatches &= beyondHead.isEmpty();
		return new AuditVerification(walk.firstBroken == null && tailMatches, walk.checked, walk.firstBroken, walk.reason,
				tailMatches, head.startSeq(), head.lastSeq());
	}

	/** Whether the entry's fields, address and commitment still give its stored hash. */
	static boolean unchanged(ChainedEntry e) {
		boolean addressKept = e.address() != null || e.addressSalt() != null;
		if (addressKept && !AuditEntry.addressCommitment(e.addressSalt(), e.address()).equals(e.entry().addressCommitment())) {
			return false;
		}
		return e.entry().hash(e.prevHash()).equals(e.hash());
	}

	private static final class Walk {

		long nextSeq;
		String previousHash;
		long checked;
		Long firstBroken;
		Reason reason;

		Walk(long startSeq, String startPrevHash) {
			this.nextSeq = startSeq;
			this.previousHash = startPrevHash;
		}

		void check(ChainedEntry e) {
			if (e.seq() != nextSeq) {
				broken(nextSeq, Reason.MISSING);
			}
			else if (!unchanged(e)) {
				broken(e.seq(), Reason.EDITED);
			}
			else if (!e.prevHash().equals(previousHash)) {
				broken(e.seq(), Reason.REORDERED);
			}
			checked++;
			nextSeq = e.seq() + 1;
			previousHash = e.hash();
		}

		/** Keeps the lowest numbered break: entries outside the chain are found after the walk. */
		void broken(long seq, Reason why) {
			if (firstBroken == null || seq < firstBroken) {
				firstBroken = seq;
				reason = why;
			}
		}
	}
}
