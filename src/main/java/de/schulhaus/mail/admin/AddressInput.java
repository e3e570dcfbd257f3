package de.schulhaus.mail.admin;

import de.schulhaus.mail.internal.LocalParts;
import de.schulhaus.mail.internal.MailAddresses;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.schools.School;

/**
 * A new address the school admin typed, as a local part ({@code sekretariat}) or a whole address in
 * the school's own domain; anything else is refused with a message the admin can act on.
 */
final class AddressInput {

	private AddressInput() {
	}

	/** The local part, checked: in the school's domain and of the characters we hand out. */
	static String localPart(School school, String input, String field) {
		String value = MailAddresses.normalize(input);
		int at = value.lastIndexOf('@');
		String local = at < 0 ? value : value.substring(0, at);
		if (at >= 0 && !value.substring(at + 1).equals(school.mailDomain())) {
			throw new InvalidInputException(field, "mail.admin.error.domain", school.mailDomain());
		}
		if (!LocalParts.valid(local)) {
			throw new InvalidInputException(field, "mail.admin.error.localPart", local);
		}
		return local;
	}

	/** Refuses an address that already means something: a person, an alias, a function mailbox, a list, a reserved name. */
	static void requireFree(LocalParts localParts, School school, String local, String field) {
		localParts.holder(school.id(), school.mailDomain(), local, null).ifPresent(holder -> {
			throw new InvalidInputException(field, "mail.admin.error.taken." + holder.name().toLowerCase(java.util.Locale.ROOT),
					local + "@" + school.mailDomain());
		});
	}
}
