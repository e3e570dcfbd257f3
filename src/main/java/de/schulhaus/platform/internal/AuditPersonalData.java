package de.schulhaus.platform.internal;

import static de.schulhaus.platform.PersonalDataProvider.text;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.AuditLog.PersonEntry;
import de.schulhaus.platform.AuditProperties;
import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.PersonalDataExport;
import de.schulhaus.platform.PersonalDataProvider;
import de.schulhaus.platform.SchulhausUser;

/**
 * The audit log's part of a person's data: the entries about them (sign-ins, changes to their account)
 * in the export. Erasure keeps them: they prove security-relevant actions and go by themselves when
 * their retention period ends ({@link AuditRetention}); the report says until when.
 */
@Component
class AuditPersonalData implements PersonalDataProvider {

	private final AuditLog audit;
	private final AuditProperties retention;
	private final MessageSource messages;

	AuditPersonalData(AuditLog audit, AuditProperties retention, MessageSource messages) {
		this.audit = audit;
		this.retention = retention;
		this.messages = messages;
	}

	@Override
	public String section() {
		return "protokoll";
	}

	@Override
	public String titleKey() {
		return "personalData.section.audit";
	}

	@Override
	public int order() {
		return 1000;
	}

	@Override
	public void export(DataSubject person, PersonalDataExport export) throws IOException {
		List<Entry> entries = audit.about(person).stream().map(e -> Entry.of(e, actionText(e.action(), person))).toList();
		export.json("protokoll.json", text("personalData.audit.file"), new AuditExport(retention.retention().toDays(),
				retention.addressRetention().toDays(), entries));
	}

	@Override
	public Erasure erase(DataSubject person, SchulhausUser actor) {
		int entries = audit.about(person).size();
		// the entries of this erasure are written after it, so they are kept as long as the newest
		Instant until = Instant.now().plus(retention.retention());
		return new Erasure(List.of(), List.of(new Kept(text("personalData.audit.kept", entries),
				text("personalData.audit.keptWhy", retention.retention().toDays(), retention.addressRetention().toDays()), until)));
	}

	private String actionText(String action, DataSubject person) {
		return messages.getMessage("audit.action." + action, null, action, person.locale());
	}

	/** The file's content: how long entries stay, and the entries. */
	record AuditExport(long retentionDays, long addressRetentionDays, List<Entry> entries) {
	}

	/** One entry; {@code address} only where the person acted, {@code byYou} whether they did. */
	record Entry(Instant time, boolean byYou, String action, String actionText, String target, String details, String address,
			boolean othersRemoved) {

		static Entry of(PersonEntry e, String actionText) {
			return new Entry(e.occurredAt(), e.byThePerson(), e.action(), actionText, e.target(), e.details(), e.ip(),
					e.othersRemoved());
		}
	}
}
