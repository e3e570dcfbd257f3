package de.schulhaus.mail.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

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

	private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>()\",;]{1,64}@[a-z0-9.-]{1,253}");

	private final MailAddresses addresses;
	private final MessageStore store;
	private final MailFolders folders;
	private final MailPolicies policies;
	private final OutboundQueue outbound;
	private final TransactionTemplate transaction;
	private final SendingRate rate;

	Submission(MailAddresses addresses, MessageStore store, MailFolders folders, MailPolicies policies, OutboundQueue outbound,
			PlatformTransactionManager transactions, SendingRate rate) {
		this.rate = rate;
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
				case "mail.refused.rate" -> "Too many recipients in the last hour, try again later: " + address;
				default -> "Recipient ok";
			};
		}
	}

	/**
	 * What became of a message: a verdict per recipient, and where copies went.
	 *
	 * @param full the display names of the mailboxes that refused for quota (for people)
	 * @param fullRecipients the recipient addresses whose mailbox refused for quota, for a bounce; never a list's:
	 *                       a member's full mailbox is no failure of the list (RFC 5321 3.9.2), and naming the
	 *                       member would tell the sender who is on it
	 * @param sentCopyFull a copy for Gesendet was wanted, but the writer's own mailbox is full: the message went without it
	 */
	public record Result(List<Verdict> verdicts, int delivered, int queued, List<String> full, List<String> fullRecipients,
			MessageStore.Appended sentCopy, boolean sentCopyFull) {

		public boolean anyAccepted() {
			return verdicts.stream().anyMatch(Verdict::accepted);
		}
	}

	/**
	 * One recipient, checked: the verdict, and where the message goes if it is accepted (the mailboxes of
	 * a person, a function or a list's members, or an outside address). SMTP checks at {@code RCPT} and
	 * hands the same recipients to {@link #submit(Sender, List, StagedMessage, boolean)} after {@code DATA},
	 * so an address is looked up once per message.
	 */
	public record Recipient(Verdict verdict, List<Mailbox> mailboxes, String external, boolean toList) {

		public boolean accepted() {
			return verdict.accepted();
		}

		public String address() {
			return verdict.address();
		}

		static Recipient refused(String address, String code, String enhanced, String key) {
			return new Recipient(Verdict.refused(address, code, enhanced, key), List.of(), null, false);
		}
	}

	/** Checks one recipient of a person of the platform. */
	public Recipient check(Sender sender, String recipient) {
		return counted(sender, route(sender, recipient));
	}

	/** An accepted recipient of a person takes one from their hourly allowance; beyond it, try later. */
	private Recipient counted(Sender sender, Recipient recipient) {
		if (sender == null || !recipient.accepted() || rate.take(sender.accountId())) {
			return recipient;
		}
		return Recipient.refused(recipient.address(), "450", "4.7.1", "mail.refused.rate");
	}

	/** Checks one recipient of mail from outside (inbound SMTP without sign-in). */
	public Recipient checkInbound(String recipient) {
		return route(null, recipient);
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
		return submitChecked(sender, routeAll(sender, recipients), message, keepSentCopy);
	}

	/** {@link #submit(Sender, List, StagedMessage, boolean)} to recipients checked before by {@link #check}. */
	public Result submitChecked(Sender sender, List<Recipient> recipients, StagedMessage message, boolean keepSentCopy) {
		MailPolicy policy = policies.of(sender.schoolId(), sender.role());
		if (message.size() > policy.maxMessageBytes()) {
			store.discard(message);
			throw new MessageTooLargeException(policy.maxMessageBytes());
		}
		return send(sender, sender.address(), recipients, message, keepSentCopy);
	}

	/** Takes mail from outside for the recipients that pass the checks. The staged message is used up. */
	public Result receive(String envelopeFrom, List<String> recipients, StagedMessage message) {
		return receiveChecked(envelopeFrom, routeAll(null, recipients), message);
	}

	/** {@link #receive} for recipients checked before by {@link #checkInbound}. */
	public Result receiveChecked(String envelopeFrom, List<Recipient> recipients, StagedMessage message) {
		return send(null, envelopeFrom, recipients, message, false);
	}

	/**
	 * Sends a bounce (or another delivery report) with the empty sender to the sender of a message: into
	 * their mailbox when the address is one of the platform, else queued for outside under the school that
	 * reports. Lists, unknown and disabled addresses of the platform get nothing. The staged report is used up.
	 */
	public Result returnToSender(UUID schoolId, String envelopeFrom, StagedMessage report) {
		String address = MailAddresses.normalize(envelopeFrom);
		MailAddresses.Destination destination = addresses.resolve(address);
		if (destination instanceof MailAddresses.ToMailbox to) {
			return send(null, "", List.of(new Recipient(Verdict.ok(address), List.of(to.mailbox()), null, false)), report, false);
		}
		if (!(destination instanceof MailAddresses.External)) {
			store.discard(report);
			return new Result(List.of(Verdict.refused(address, "550", "5.1.1", "mail.refused.unknown")), 0, 0, List.of(), List.of(), null, false);
		}
		MessageStore.Copies copies = store.copies(report, 1);
		try {
			transaction.executeWithoutResult(status -> outbound.enqueue(schoolId, null, "", List.of(address), copies));
			copies.discardUnused();
		} catch (RuntimeException e) {
			copies.discardAll();
			throw e;
		}
		return new Result(List.of(Verdict.ok(address)), 0, 1, List.of(), List.of(), null, false);
	}

	/**
	 * Sends a person's automatic answer (an absence note) with the empty envelope sender, so that nothing
	 * answers or bounces it back (RFC 3834 3.3); where it may go is still decided by the person's role. No
	 * copy in "Gesendet". The staged message is used up.
	 */
	public Result autoReply(Sender person, String recipient, StagedMessage reply) {
		return send(person, "", routeAll(person, List.of(recipient)), reply, false);
	}

	private List<Recipient> routeAll(Sender sender, List<String> recipients) {
		return new LinkedHashSet<>(recipients).stream().map(r -> counted(sender, route(sender, r))).toList();
	}

	private Result send(Sender sender, String envelopeFrom, List<Recipient> recipients, StagedMessage message, boolean keepSentCopy) {
		List<Verdict> verdicts = new ArrayList<>();
		Map<UUID, Mailbox> mailboxes = new LinkedHashMap<>();
		// the address that named a mailbox itself, not through a list: what a bounce for it names
		Map<UUID, String> addressedAs = new LinkedHashMap<>();
		Set<String> external = new LinkedHashSet<>();
		for (Recipient route : recipients) {
			verdicts.add(route.verdict());
			if (route.accepted()) {
				route.mailboxes().forEach(m -> {
					mailboxes.putIfAbsent(m.id(), m);
					if (!route.toList()) {
						addressedAs.putIfAbsent(m.id(), route.address());
					}
				});
				if (route.external() != null) {
					external.add(route.external());
				}
			}
		}
		if (sender != null && !addressedAs.containsKey(sender.from().id())) {
			// a list does not send the writer their own message back; "To: me, Ben" or a Bcc to oneself does
			mailboxes.remove(sender.from().id());
		}
		List<Mailbox> targets = List.copyOf(mailboxes.values());
		boolean sentCopy = keepSentCopy && sender != null;
		int count = targets.size() + (external.isEmpty() ? 0 : 1) + (sentCopy ? 1 : 0);
		if (count == 0) {
			store.discard(message);
			return new Result(verdicts, 0, 0, List.of(), List.of(), null, false);
		}
		MessageStore.Copies copies = store.copies(message, count);
		try {
			Result result = transaction.execute(status -> {
				Map<UUID, MessageStore.Delivery> delivered = store.deliver(copies, targets, envelopeFrom);
				List<Mailbox> fullBoxes = targets.stream().filter(m -> !delivered.get(m.id()).delivered()).toList();
				List<String> full = fullBoxes.stream().map(Mailbox::displayName).toList();
				List<String> fullRecipients = fullBoxes.stream().map(m -> addressedAs.get(m.id())).filter(a -> a != null).distinct().toList();
				if (!external.isEmpty()) {
					outbound.enqueue(sender.schoolId(), sender.accountId(), envelopeFrom, external, copies);
				}
				MessageStore.Appended sent = null;
				if (sentCopy) {
					// the writer's own full mailbox costs the copy in Gesendet, not the message (as mail apps do)
					MailFolder folder = folders.special(sender.from(), SpecialUse.SENT).orElseThrow();
					sent = store.appendIfRoom(sender.from(), folder, copies, Flags.NONE.withSeen(true)).orElse(null);
				}
				return new Result(verdicts, targets.size() - full.size(), external.size(), full, fullRecipients, sent, sentCopy && sent == null);
			});
			copies.discardUnused();
			return result;
		} catch (RuntimeException e) {
			copies.discardAll();
			throw e;
		}
	}

	private Recipient route(Sender sender, String recipient) {
		String address = MailAddresses.normalize(recipient);
		if (!ADDRESS.matcher(address).matches()) {
			return Recipient.refused(address, "553", "5.1.3", "mail.refused.syntax");
		}
		MailAddresses.Destination destination = addresses.resolve(address);
		boolean mayLeaveSchool = sender != null && policies.of(sender.schoolId(), sender.role()).outsideAllowed();
		if (destination instanceof MailAddresses.ToMailbox to) {
			return sender != null && !mayLeaveSchool && !to.school().id().equals(sender.schoolId())
					? Recipient.refused(address, "550", "5.7.1", "mail.refused.outside")
					: new Recipient(Verdict.ok(address), List.of(to.mailbox()), null, false);
		}
		if (destination instanceof MailAddresses.ToList list) {
			return routeToList(sender, address, list, mayLeaveSchool);
		}
		if (destination instanceof MailAddresses.Disabled) {
			return Recipient.refused(address, "550", "5.2.1", "mail.refused.disabled");
		}
		if (destination instanceof MailAddresses.External) {
			if (sender == null) {
				return Recipient.refused(address, "554", "5.7.1", "mail.refused.relay");
			}
			return mayLeaveSchool ? new Recipient(Verdict.ok(address), List.of(), address, false)
					: Recipient.refused(address, "550", "5.7.1", "mail.refused.outside");
		}
		return Recipient.refused(address, "550", "5.1.1", "mail.refused.unknown");
	}

	private Recipient routeToList(Sender sender, String address, MailAddresses.ToList list, boolean mayLeaveSchool) {
		boolean sameSchool = sender != null && list.school().id().equals(sender.schoolId());
		boolean allowed = switch (list.policy()) {
			case ANYONE -> sameSchool || sender == null || mayLeaveSchool;
			case SCHOOL, MEMBERS -> sameSchool;
		};
		if (!allowed) {
			return Recipient.refused(address, "550", "5.7.1", "mail.refused.list");
		}
		// the members are read once: to check the writer and to deliver
		MailAddresses.ListMembers members = addresses.listMembers(list);
		if (list.policy() == ListPolicy.MEMBERS && !members.includes(sender.accountId())) {
			return Recipient.refused(address, "550", "5.7.1", "mail.refused.list");
		}
		return new Recipient(Verdict.ok(address), members.mailboxes(), null, true);
	}
}
