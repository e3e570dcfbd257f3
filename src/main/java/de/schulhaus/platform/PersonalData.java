package de.schulhaus.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.platform.PersonalDataProvider.Erasure;
import de.schulhaus.platform.internal.PersonalDataZip;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's data across all modules: the export (DSGVO Art. 15 and 20) as one ZIP and the erasure
 * (Art. 17), both audited. Each module contributes through its {@link PersonalDataProvider} bean;
 * who may ask for whom, and when erasure is allowed, the caller decides (the accounts module).
 */
@Service
public class PersonalData {

	private final List<PersonalDataProvider> providers;
	private final JsonMapper json;
	private final MessageSource messages;
	private final AuditLog audit;
	private final TransactionTemplate transaction;

	PersonalData(List<PersonalDataProvider> providers, JsonMapper json, MessageSource messages, AuditLog audit,
			PlatformTransactionManager transactions) {
		this.providers = providers.stream().sorted(Comparator.comparingInt(PersonalDataProvider::order)).toList();
		Set<String> sections = new HashSet<>();
		for (PersonalDataProvider provider : this.providers) {
			if (!sections.add(provider.section())) {
				throw new IllegalStateException("Two personal data providers write the section " + provider.section());
			}
		}
		this.json = json;
		this.messages = messages;
		this.audit = audit;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Streams the person's data as a ZIP onto {@code out}, section by section, with a cover note
	 * ({@code LIESMICH.txt}) and a {@code manifest.json}; leaves {@code out} open.
	 */
	public void export(DataSubject person, SchulhausUser actor, OutputStream out) throws IOException {
		PersonalDataZip zip = new PersonalDataZip(out, json, messages, person);
		for (PersonalDataProvider provider : providers) {
			zip.section(provider.section(), provider.titleKey());
			provider.export(person, zip);
		}
		zip.finish();
		audit.record(person.schoolId(), actor.accountId(), actor.login(), "personal-data.exported", person.login(),
				(actor.accountId().equals(person.accountId()) ? "self; " : "") + "sections: " + sectionNames(providers));
	}

	/**
	 * Erases the person's data in every module, in one transaction, the account last; answers what
	 * each section deleted and kept. The audit entry is written once the erasure has committed.
	 */
	public ErasureReport erase(DataSubject person, SchulhausUser actor) {
		List<PersonalDataProvider> reversed = new ArrayList<>(providers);
		Collections.reverse(reversed);
		List<Section> done = transaction.execute(status -> {
			List<Section> sections = new ArrayList<>();
			for (PersonalDataProvider provider : reversed) {
				sections.add(0, new Section(provider.section(), provider.titleKey(), provider.erase(person, actor)));
			}
			return sections;
		});
		String kept = done.stream().filter(s -> !s.erasure().kept().isEmpty()).map(Section::section).collect(Collectors.joining(", "));
		audit.record(person.schoolId(), actor.accountId(), actor.login(), "personal-data.erased", person.login(),
				"sections: " + sectionNames(providers) + (kept.isEmpty() ? "" : "; kept: " + kept));
		return new ErasureReport(person, done);
	}

	private static String sectionNames(List<PersonalDataProvider> providers) {
		return providers.stream().map(PersonalDataProvider::section).collect(Collectors.joining(", "));
	}

	/** What an erasure did, section by section in the export's order. */
	public record ErasureReport(DataSubject person, List<Section> sections) {

		public boolean keptAnything() {
			return sections.stream().anyMatch(s -> !s.erasure().kept().isEmpty());
		}
	}

	/** One module's part of an erasure. */
	public record Section(String section, String titleKey, Erasure erasure) {
	}
}
