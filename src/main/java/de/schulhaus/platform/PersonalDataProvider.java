package de.schulhaus.platform;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * What a module holds about a person, for the DSGVO's access and portability rights (Art. 15, 20:
 * the data export) and the right to erasure (Art. 17). Every module that stores personal data
 * declares one as a bean; {@link PersonalData} collects all of them, so a new module plugs in without
 * a change to the platform.
 */
public interface PersonalDataProvider {

	/** The section's folder in the export and its name in reports: short, lower case, stable (say {@code konto}). */
	String section();

	/** Message key of the section's title (say {@code personalData.section.account}). */
	String titleKey();

	/**
	 * Place in the export, lowest first. Erasure runs in reverse order, so the account (first in the
	 * export) is deleted last, after the data that refers to it.
	 */
	int order();

	/**
	 * Writes what the module holds about the person into the export: machine-readable JSON and the
	 * original files where the module has them. Never secrets, their hashes or keys.
	 */
	void export(DataSubject person, PersonalDataExport export) throws IOException;

	/**
	 * Deletes or anonymises what the module holds about the person, in the caller's transaction, and
	 * says what it deleted and what it must keep, and why (a retention period, a legal duty).
	 */
	Erasure erase(DataSubject person, SchulhausUser actor);

	/** A text for the person or the admin, resolved in their language: a message key with its arguments. */
	static MessageSourceResolvable text(String key, Object... args) {
		return new DefaultMessageSourceResolvable(new String[] { key }, args);
	}

	/**
	 * What an erasure did in one section.
	 *
	 * @param erased what was deleted or anonymised
	 * @param kept what stays, each with its reason
	 */
	record Erasure(List<MessageSourceResolvable> erased, List<Kept> kept) {

		public Erasure {
			erased = List.copyOf(erased);
			kept = List.copyOf(kept);
		}
	}

	/**
	 * Something an erasure had to keep.
	 *
	 * @param what what stays (say: 12 audit entries with the login)
	 * @param why the reason the law or the school's duty gives
	 * @param until when it goes at the latest; {@code null} when nothing here removes it (it lies elsewhere)
	 */
	record Kept(MessageSourceResolvable what, MessageSourceResolvable why, Instant until) {
	}
}
