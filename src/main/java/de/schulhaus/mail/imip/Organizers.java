package de.schulhaus.mail.imip;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.Submission;

/** The organiser of an event as a mail sender: their own mailbox and sign-in address, while they are active. */
@Component
class Organizers {

	private final AccountManagement accounts;
	private final Mailboxes mailboxes;

	Organizers(AccountManagement accounts, Mailboxes mailboxes) {
		this.accounts = accounts;
		this.mailboxes = mailboxes;
	}

	Optional<Submission.Sender> sender(UUID schoolId, UUID organizerId) {
		Optional<Account> organizer = accounts.find(schoolId, organizerId).filter(Account::active);
		if (organizer.isEmpty()) {
			return Optional.empty();
		}
		Account person = organizer.get();
		Mailbox mailbox = mailboxes.personal(schoolId, person.id(), person.displayName());
		return Optional.of(new Submission.Sender(schoolId, person.id(), person.role(), mailbox, person.login().toLowerCase(Locale.ROOT)));
	}

	/** The organiser's name as the From line shows it. */
	Optional<String> name(UUID schoolId, UUID organizerId) {
		return accounts.find(schoolId, organizerId).map(Account::displayName);
	}
}
