package de.schulhaus.mail.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.platform.Role;

/**
 * Where a message goes and whether it may: for people of the platform (the webmail and SMTP submission)
 * and for mail from outside (inbound SMTP). Recipients are checked one by one, so SMTP can refuse each at
 * {@code RCPT} with the precise reason; the accepted ones are then delivered to mailboxes of the platform,
 * queued for outside and copied into the sender's "Gesendet", all in one transaction, so nothing is half
 * done. The rules:
 * <ul>
 * <li>Mail from outside reaches people, function mailboxes and lists open to anyone; never another outside
 * address (no open relay).</li>
 * <li>People whose role may not mail outside (pupils by default) reach only their own school.</li>
 * <li>A list takes mail as its group's leader chose: from members, from the school, or from anyone.</li>
 * <li>A message larger than the sender's role allows is refused as a whole.</li>
 * </ul>
 */
@Service
public class Submission {

	private final MailAddresses addresses;
	private final MessageStore store;
	private final MailFolders folders;
	private final MailPolicies policies;
	private final OutboundQueue outbound;
	private final TransactionTemplate transaction;

	Submission(MailAddresses addresses, MessageStore store, MailFolders folders, MailPolicies policies, OutboundQueue outbound,
			PlatformTransactionManager transactions) {
		this.addresses = addresses;
		this.store = store;
		this.folders = folders;
		this.policies = policies;
		this.outbound = outbound;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * A person of the platform sending from one of their mailboxes (their own or a function mailbox they
	 * share), under that mailbox's address.
	 */
	public record Sender(UUID schoolId, UUID accountId, Role role, Mailbox from, String address) {
	}

	/** The answer for one recipient: accepted, or refused with SMTP's code, enhanced status and a message key. */
	public record Verdict(String address, boolean accepted, String code, String enhancedStatus, String reasonKey) {

		static Verdict ok(String address) {
			return new Verdict(address, true, "250", "2.1.5", null);
		}

		static Verdict refused(String address, String code, String enhanced, String key) {
			return new Verdict(address, false, code, enhanced, key);
		}

		/** The SMTP reply line for this verdict in English, as mail servers write them. */
		public String smtpReply() {
			return code + " " + enhancedStatus + " " + switch (reasonKey == null ? "" : reasonKey) {
				case "mail.refused.unknown" -> "No such mailbox here: " + address;
				case "mail.refused.disabled" -> "Mailbox disabled: " + address;
				case "mail.refused.relay" -> "Relaying denied: sign in to send to " + address;
				case "mail.refused.outside" -> "Your school allows mail only inside the school: " + address;
				case "mail.refused.list" -> "You may not write to this list: " + address;
				case "mail.refused.syntax" -> "Bad recipient address syntax: " + address;
				default -> "Recipient ok";
			};
		}
	}

	/** What became of a message: a verdict per recipient, and where copies went. */
	public record Result(List<Verdict> verdicts, int delivered, int queued, List<String> full, MessageStore.Appended sentCopy) {

		public boolean anyAccepted() {
			return verdicts.stream().anyMatch(Verdict::accepted);
		}
	}

	/** Checks one recipient of a person of the platform. */
	public Verdict check(Sender sender, String recipient) {
		return route(sender, recipient).verdict();
	}

	/** Checks one recipient of mail from outside (inbound SMTP without sign-in). */
	public Verdict checkInbound(String recipient) {
		return route(null, recipient).verdict();
	}

	/**
	 * Sends a staged message of a person to the recipients that pass the checks. The staged message is
	 * used up.
	 *
	 * @param keepSentCopy whether to put a copy into the sender's "Gesendet" (the webmail does; mail apps
	 *                     store their own copy by IMAP)
	 * @throws MessageTooLargeException when the sender's role may not send this much; nothing was sent
	 */
	public Result submit(Sender sender, List<String> recipients, StagedMessage message, boolean keepSentCopy) {
		MailPolicy policy = policies.of(sender.schoolId(), sender.role());
		if (message.size() > policy.maxMessageBytes()) {
			store.discard(message);
			throw new MessageTooLargeException(policy.maxMessageBytes());
		}
		return send(sender, sender.address(), recipients, message, keepSentCopy);
	}

	/** Takes mail from outside for the recipients that pass the checks. The staged message is used up. */
	public Result receive(String envelopeFrom, List<String> recipients, StagedMessage message) {
		return send(null, envelopeFrom, recipients, message, false);
	}

	private Result send(Sender sender, String envelopeFrom, List<String> recipients, StagedMessage message, boolean keepSentCopy) {
		List<Verdict> verdicts = new ArrayList<>();
		Map<UUID, Mailbox> mailboxes = new LinkedHashMap<>();
		Set<String> external = new LinkedHashSet<>();
		for (String recipient : new LinkedHashSet<>(recipients)) {
			Route route = route(sender, recipient);
			verdicts.add(route.verdict());
			if (route.verdict().accepted()) {
				route.mailboxes().forEach(m -> mailboxes.putIfAbsent(m.id(), m));
				if (route.external() != null) {
					external.add(route.external());
				}
			}
		}
		if (sender != null && mailboxes.size() > 1) {
			// a list does not send the writer their own message back
			mailboxes.remove(sender.from().id());
		}
		List<Mailbox> targets = List.copyOf(mailboxes.values());
		boolean sentCopy = keepSentCopy && sender != null;
		int count = targets.size() + (external.isEmpty() ? 0 : 1) + (sentCopy ? 1 : 0);
		if (count == 0) {
			store.discard(message);
			return new Result(verdicts, 0, 0, List.of(), null);
		}
		MessageStore.Copies copies = store.copies(message, count);
		try {
			Result result = transaction.execute(status -> {
				Map<UUID, MessageStore.Delivery> delivered = store.deliver(copies, targets, envelopeFrom);
				List<String> full = targets.stream().filter(m -> !delivered.get(m.id()).delivered()).map(Mailbox::displayName).toList();
				if (!external.isEmpty()) {
					outbound.enqueue(sender.schoolId(), sender.accountId(), envelopeFrom, external, copies);
				}
				MessageStore.Appended sent = null;
				if (sentCopy) {
					MailFolder folder = folders.special(sender.from(), SpecialUse.SENT).orElseThrow();
					sent = store.append(sender.from(), folder, copies, Flags.NONE.withSeen(true));
				}
				return new Result(verdicts, targets.size() - full.size(), external.size(), full, sent);
			});
			copies.discardUnused();
			return result;
		} catch (RuntimeException e) {
			copies.discardAll();
			throw e;
		}
	}

	private record Route(Verdict verdict, List<Mailbox> mailboxes, String external) {
	}

	private Route route(Sender sender, String recipient) {
		String address = MailAddresses.normalize(recipient);
		if (!address.matches("[^@\\s<>()\",;]{1,64}@[a-z0-9.-]{1,253}")) {
			return new Route(Verdict.refused(address, "553", "5.1.3", "mail.refused.syntax"), List.of(), null);
		}
		MailAddresses.Destination destination = addresses.resolve(address);
		boolean mayLeaveSchool = sender != null && policies.of(sender.schoolId(), sender.role()).outsideAllowed();
		if (destination instanceof MailAddresses.ToMailbox to) {
			return sender != null && !mayLeaveSchool && !to.school().id().equals(sender.schoolId())
					? new Route(Verdict.refused(address, "550", "5.7.1", "mail.refused.outside"), List.of(), null)
					: new Route(Verdict.ok(address), List.of(to.mailbox()), null);
		}
		if (destination instanceof MailAddresses.ToList list) {
			boolean sameSchool = sender != null && list.school().id().equals(sender.schoolId());
			boolean allowed = switch (list.policy()) {
				case ANYONE -> sameSchool || sender == null || mayLeaveSchool;
				case SCHOOL -> sameSchool;
				case MEMBERS -> sameSchool && addresses.isMember(list, sender.accountId());
			};
			return allowed ? new Route(Verdict.ok(address), addresses.listMembers(list), null)
					: new Route(Verdict.refused(address, "550", "5.7.1", "mail.refused.list"), List.of(), null);
		}
		if (destination instanceof MailAddresses.Disabled) {
			return new Route(Verdict.refused(address, "550", "5.2.1", "mail.refused.disabled"), List.of(), null);
		}
		if (destination instanceof MailAddresses.External) {
			if (sender == null) {
				return new Route(Verdict.refused(address, "554", "5.7.1", "mail.refused.relay"), List.of(), null);
			}
			return mayLeaveSchool ? new Route(Verdict.ok(address), List.of(), address)
					: new Route(Verdict.refused(address, "550", "5.7.1", "mail.refused.outside"), List.of(), null);
		}
		return new Route(Verdict.refused(address, "550", "5.1.1", "mail.refused.unknown"), List.of(), null);
	}
}
