package de.schulhaus.accounts.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.PersonalData;
import de.schulhaus.platform.PersonalData.ErasureReport;
import de.schulhaus.platform.SchulhausUser;

/**
 * Requests for a person's data (Auskunft, Datenexport) and its erasure (Löschung): who may ask for
 * whom, and when erasure is allowed. A school admin asks for the people of their school, anyone for
 * themselves; erasure only of a deactivated account and only with its address typed as confirmation.
 */
@Service
public class PersonalDataRequests {

	private final AccountManagement accounts;
	private final PersonalData personalData;

	PersonalDataRequests(AccountManagement accounts, PersonalData personalData) {
		this.accounts = accounts;
		this.personalData = personalData;
	}

	/** A person of the school; another school's or a missing id answers 404 alike. */
	public DataSubject person(UUID schoolId, UUID accountId) {
		return subject(accounts.require(schoolId, accountId));
	}

	public DataSubject me(SchulhausUser user) {
		return subject(accounts.me(user));
	}

	/** Streams the export; the caller found the person with {@link #person} or {@link #me}. */
	public void export(DataSubject person, SchulhausUser actor, OutputStream out) throws IOException {
		personalData.export(person, actor, out);
	}

	/**
	 * Erases a person of the school in every module.
	 *
	 * @param confirmation the person's address as the admin typed it
	 * @throws InvalidInputException while the account is active, or when the confirmation does not match
	 */
	public ErasureReport erase(UUID schoolId, UUID accountId, String confirmation, SchulhausUser actor) {
		Account account = accounts.require(schoolId, accountId);
		if (account.id().equals(actor.accountId())) {
			throw new InvalidInputException("confirm", "accounts.error.selfDelete");
		}
		if (account.active()) {
			throw new InvalidInputException("confirm", "personalData.error.active");
		}
		if (confirmation == null || !account.login().equalsIgnoreCase(confirmation.strip())) {
			throw new InvalidInputException("confirm", "accounts.error.deleteConfirm");
		}
		return personalData.erase(subject(account), actor);
	}

	private static DataSubject subject(Account account) {
		return new DataSubject(account.id(), account.schoolId(), account.login(), account.displayName(),
				Locale.forLanguageTag(account.language() == null ? "de" : account.language()), account.createdAt());
	}
}
