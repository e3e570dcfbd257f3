package de.schulhaus.mail.imap;

import java.io.IOException;
import java.util.Set;

import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.blobs.BlobOwner;

/**
 * QUOTA (RFC 9208, the commands of RFC 2087): the person's own mailbox has one quota root, {@code ""}, holding
 * their mail quota as STORAGE in KiB, so mail apps show how full it is. Function mailboxes count against the
 * school, which sets no limit on them: they have no quota root. Quotas are set by the school admin on the web,
 * so SETQUOTA is refused.
 */
final class QuotaCommands {

	static final String CAPABILITIES = "QUOTA QUOTA=RES-STORAGE";
	private static final Set<String> NAMES = Set.of("GETQUOTAROOT", "GETQUOTA", "SETQUOTA");
	private static final String ROOT = "";

	private final ImapSession session;

	QuotaCommands(ImapSession session) {
		this.session = session;
	}

	boolean handles(String command) {
		return NAMES.contains(command);
	}

	void run(String tag, String command) throws IOException {
		ImapReader in = session.in();
		switch (command) {
			case "GETQUOTAROOT" -> {
				in.space();
				String name = MailboxCommands.name(in.astring());
				in.end();
				ImapFolders.Entry entry = session.folders.find(name).orElseThrow(() -> new NoException("NONEXISTENT", "no folder " + name));
				ImapWriter out = session.out();
				out.raw("* QUOTAROOT ").nstring(ModifiedUtf7.encode(entry.imapName()));
				if (entry.mailbox().personal()) {
					out.raw(" ").nstring(ROOT).line("");
					writeQuota();
				} else {
					out.line("");
				}
				session.ok(tag, "GETQUOTAROOT completed");
			}
			case "GETQUOTA" -> {
				in.space();
				String root = in.astring();
				in.end();
				if (!root.equals(ROOT)) {
					throw new NoException("NONEXISTENT", "no quota root " + root + "; the only one is \"\"");
				}
				writeQuota();
				session.ok(tag, "GETQUOTA completed");
			}
			case "SETQUOTA" -> {
				in.skipLine();
				throw new NoException("NOPERM", "quotas are set by the school's admin in Schulhaus on the web");
			}
			default -> throw new BadCommandException("unknown command " + command);
		}
	}

	/** STORAGE in units of 1024 bytes (RFC 9208 5.1); what is used is rounded up, so a nearly full box never shows room. */
	private void writeQuota() throws IOException {
		var user = session.user;
		StorageQuotas.Usage usage = session.services.quotas().usage(BlobOwner.mail(user.schoolId(), user.accountId()));
		long usedKib = (usage.usedBytes() + 1023) / 1024;
		long limitKib = usage.limitBytes() / 1024;
		session.out().raw("* QUOTA ").nstring(ROOT).line(" (STORAGE " + usedKib + " " + limitKib + ")");
	}
}
