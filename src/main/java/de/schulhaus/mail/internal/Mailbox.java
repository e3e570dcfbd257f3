package de.schulhaus.mail.internal;

import java.util.UUID;

/**
 * A mailbox: a person's own ({@code accountId}) or a function's ({@code localPart}, such as
 * {@code sekretariat}), which its members share.
 */
public record Mailbox(UUID id, UUID schoolId, UUID accountId, String localPart, String displayName) {

	public boolean personal() {
		return accountId != null;
	}
}
