package de.schulhaus.platform;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import de.schulhaus.platform.internal.AuditChainVerifier;
import de.schulhaus.platform.internal.AuditEntry;
import de.schulhaus.platform.internal.AuditRepository;
import de.schulhaus.platform.internal.AuditRepository.ChainHead;
import de.schulhaus.platform.internal.AuditRepository.ChainedEntry;

/**
 * The audit log of security-relevant actions: sign-ins, 2FA changes, role changes, imports,
 * deletions. School admins read their school's entries, the operator reads all. The entries form a
 * hash chain ({@link #verify()}), so a changed, deleted or inserted entry is found; after the
 * retention periods ({@link AuditProperties}) entries lose the client's address and are then deleted.
 */
@Service
public class AuditLog {

	private final AuditRepository repository;
	private final AuditChainVerifier verifier;
	private final TransactionTemplate ownTransaction;

	AuditLog(AuditRepository repository, AuditChainVerifier verifier, PlatformTransactionManager transactions) {
		this.repository = repository;
		this.verifier = verifier;
		// its own short transaction: a failed sign-in is logged even when the caller rolls back, and
		// the chain's head is locked for the insert only, not for the rest of the caller's work
		this.ownTransaction = new TransactionTemplate(transactions);
		ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Records an action, with the address of the current HTTP request's client (none outside a request). */
	public void record(UUID schoolId, UUID actorId, String actorLogin, String action, String target, String details) {
		record(schoolId, actorId, actorLogin, action, target, details, currentClientAddress());
	}

	/** Records an action of the signed-in person, with the address of the current HTTP request's client. */
	public void record(SchulhausUser actor, String action, String target, String details) {
		record(actor.schoolId(), actor.accountId(), actor.login(), action, target, details, currentClientAddress());
	}

	/** Records an action of {@code actor} from {@code clientAddress}: for IMAP, SMTP and other protocols. */
	public void record(SchulhausUser actor, String action, String target, String details, String clientAddress) {
		record(actor.schoolId(), actor.accountId(), actor.login(), action, target, details, clientAddress);
	}

	/**
	 * Records an action from {@code clientAddress}: for protocols other than HTTP (IMAP, SMTP) and
	 * for background jobs, which pass {@code null}.
	 */
	public void record(UUID schoolId, UUID actorId, String actorLogin, String action, String target, String details,
			String clientAddress) {
		String address = truncate(clientAddress, 64);
		String salt = address == null ? null : AuditEntry.newSalt();
		String commitment = address == null ? null : AuditEntry.addressCommitment(salt, address);
		ownTransaction.executeWithoutResult(status -> {
			ChainHead head = repository.lockHead();
			// the time is taken under the lock, so the chain's order follows the times (up to the nodes' clocks)
			AuditEntry entry = new AuditEntry(Instant.now(), schoolId, actorId, truncate(actorLogin, 320), action,
					truncate(target, 400), truncate(details, 2000), commitment);
			long seq = head.lastSeq() + 1;
			repository.append(new ChainedEntry(seq, head.lastHash(), entry.hash(head.lastHash()), entry, address, salt));
		});
	}

	/** Newest first. {@code schoolId == null} means all schools (operator only). */
	public List<Entry> recent(UUID schoolId, int limit) {
		return repository.recent(schoolId, limit);
	}

	/**
	 * Walks the whole chain, a page at a time, and reports whether it is intact and where it breaks
	 * first (operator only; reads every entry, so not for every page view).
	 */
	public AuditVerification verify() {
		return verifier.verify();
	}

	private static String currentClientAddress() {
		// getRemoteAddr() is the client's, not the proxy's, when server.forward-headers-strategy=native
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
			return attrs.getRequest().getRemoteAddr();
		}
		return null;
	}

	/** Cuts to the column's width, never between the two halves of a surrogate pair (that would not store as hashed). */
	private static String truncate(String value, int max) {
		if (value == null || value.length() <= max) {
			return value;
		}
		int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
		return value.substring(0, end);
	}

	public record Entry(Instant occurredAt, String actor, String action, String target, String details, String ip) {
	}
}
