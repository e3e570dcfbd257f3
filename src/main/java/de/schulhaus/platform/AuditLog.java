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
	 * The entries about one person, oldest first, as that person may see them (their data export):
	 * those in which they acted or in which their login was used (sign-ins, failed ones too), and
	 * those that name their login as target or details, since their account was created. Where
	 * someone else acted, the actor and their address are left out; other people's addresses
	 * (service addresses in target or details) are removed (DSGVO Art. 15 (4): the copy must not
	 * disclose others' data).
	 */
	public List<PersonEntry> about(DataSubject person) {
		return repository.about(person.schoolId(), person.accountId(), person.login(), person.since()).stream()
			.map(chained -> PersonEntry.of(chained.entry(), chained.address(), person))
			.toList();
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

	/**
	 * An entry about a person as they see it.
	 *
	 * @param byThePerson they acted themselves, or their login was used (a sign-in attempt)
	 * @param ip the client's address, only where the person acted and only until its retention ends
	 * @param othersRemoved another person's address was removed from target or details
	 */
	public record PersonEntry(Instant occurredAt, boolean byThePerson, String action, String target, String details, String ip,
			boolean othersRemoved) {

		static PersonEntry of(AuditEntry entry, String address, DataSubject person) {
			boolean own = person.accountId().equals(entry.actorId())
					|| (entry.actorId() == null && person.login().equalsIgnoreCase(entry.actorLogin()));
			String target = othersAddress(entry.target(), person.login()) ? null : entry.target();
			String details = othersAddress(entry.details(), person.login()) ? null : entry.details();
			boolean removed = (target == null && entry.target() != null) || (details == null && entry.details() != null);
			return new PersonEntry(entry.occurredAt(), own, entry.action(), target, details, own ? address : null, removed);
		}

		// the log names people by their service address; anything else with an @ in it is not written there
		private static boolean othersAddress(String value, String login) {
			return value != null && value.contains("@") && !value.equalsIgnoreCase(login);
		}
	}
}
