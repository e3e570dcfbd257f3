package de.schulhaus.mail.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.blobs.BlobStore;
import de.schulhaus.mail.internal.MailFolder;
import de.schulhaus.mail.internal.MailFolders;
import de.schulhaus.mail.internal.Mailbox;
import de.schulhaus.mail.internal.Mailboxes;
import de.schulhaus.mail.internal.MailboxRemoval;
import de.schulhaus.mail.rules.Forwarding;
import de.schulhaus.mail.rules.MailRules;
import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.PersonalDataExport;
import de.schulhaus.platform.PersonalDataProvider;
import de.schulhaus.platform.SchulhausUser;

/**
 * Art. 15, 17 and 20 for mail: every message of the person's own mailbox as the .eml it arrived as, in
 * its folder, and a JSON of folders, aliases, shared function mailboxes and settings; erasure deletes the
 * mailbox with its messages and raw messages, aliases, places in function mailboxes and settings.
 * Messages in function mailboxes belong to the function and stay.
 */
@Component
class MailPersonalData implements PersonalDataProvider {

	private final JdbcClient jdbc;
	private final Mailboxes mailboxes;
	private final MailFolders folders;
	private final BlobStore blobs;
	private final MailRules rules;
	private final MailCleanup cleanup;

	MailPersonalData(JdbcClient jdbc, Mailboxes mailboxes, MailFolders folders, BlobStore blobs, MailRules rules, MailCleanup cleanup) {
		this.jdbc = jdbc;
		this.mailboxes = mailboxes;
		this.folders = folders;
		this.blobs = blobs;
		this.rules = rules;
		this.cleanup = cleanup;
	}

	@Override
	public String section() {
		return "mail";
	}

	@Override
	public String titleKey() {
		return "mail.personalData.section";
	}

	@Override
	public int order() {
		return 130;
	}

	record ExportedMail(List<String> aliases, List<String> sharedMailboxes, List<ExportedFolder> folders, ExportedAbsence absence,
			Forwarding forwarding) {
	}

	record ExportedFolder(String name, String specialUse, List<ExportedMessage> messages) {
	}

	record ExportedMessage(String file, long uid, Instant received, String from, String subject, boolean seen, boolean flagged, long size) {
	}

	record ExportedAbsence(boolean enabled, String subject, String body, LocalDate startsOn, LocalDate endsOn) {
	}

	private record Row(long uid, UUID blobId, Instant received, String from, String subject, boolean seen, boolean flagged, long size) {
	}

	@Override
	public void export(DataSubject person, PersonalDataExport export) throws IOException {
		Optional<Mailbox> own = mailboxes.ofAccount(person.schoolId(), person.accountId());
		List<ExportedFolder> listed = new ArrayList<>();
		List<String> aliases = List.of();
		if (own.isPresent()) {
			aliases = jdbc.sql("select address from mail_alias where school_id = :school and mailbox_id = :mailbox order by address")
				.param("school", person.schoolId()).param("mailbox", own.get().id()).query(String.class).list();
			for (MailFolder folder : folders.list(own.get())) {
				listed.add(exportFolder(folder, export));
			}
		}
		List<String> shared = mailboxes.usableBy(person.schoolId(), person.accountId()).stream().filter(m -> !m.personal())
			.map(Mailbox::displayName).toList();
		ExportedAbsence absence = rules.absence(person.schoolId(), person.accountId())
			.map(a -> new ExportedAbsence(a.enabled(), a.subject(), a.body(), a.startsOn(), a.endsOn())).orElse(null);
		export.json("postfach.json", PersonalDataProvider.text("mail.personalData.list"),
				new ExportedMail(aliases, shared, listed, absence, rules.forwarding(person.schoolId(), person.accountId()).orElse(null)));
	}

	/** One folder's messages, read as they are written: a mailbox of years holds tens of thousands. */
	private ExportedFolder exportFolder(MailFolder folder, PersonalDataExport export) throws IOException {
		String path = "Postfach/" + FolderPaths.safe(folder.name()) + "/";
		List<ExportedMessage> messages = new ArrayList<>();
		try (Stream<Row> rows = jdbc.sql("select uid, blob_id, received_at, from_address, subject, seen, flagged, size_bytes from mail_message "
				+ "where folder_id = :folder and school_id = :school order by uid")
			.param("folder", folder.id()).param("school", folder.schoolId())
			.query((rs, n) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4),
					rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getLong(8)))
			.stream()) {
			for (Row row : (Iterable<Row>) rows::iterator) {
				String file = path + row.uid() + ".eml";
				try (InputStream raw = blobs.open(row.blobId()).orElse(null)) {
					if (raw == null) {
						continue;
					}
					export.file(file, PersonalDataProvider.text("mail.personalData.message"), raw);
				}
				messages.add(new ExportedMessage(file, row.uid(), row.received(), row.from(), row.subject(), row.seen(), row.flagged(), row.size()));
			}
		} catch (UncheckedIOException e) {
			throw e.getCause();
		}
		return new ExportedFolder(folder.name(), folder.specialUse() == null ? null : folder.specialUse().name().toLowerCase(java.util.Locale.ROOT), messages);
	}

	@Override
	public Erasure erase(DataSubject person, SchulhausUser actor) {
		MailboxRemoval.Removed removed = cleanup.removePeople(person.schoolId(), List.of(person.accountId()));
		String login = person.login().toLowerCase(java.util.Locale.ROOT);
		// the person's address in other people's absence-note memory
		jdbc.sql("delete from mail_absence_reply where sender = :login").param("login", login).update();
		long sent = jdbc.sql("select count(*) from mail_message where school_id = :school and from_address = :login")
			.param("school", person.schoolId()).param("login", login).query(Long.class).single();
		List<Kept> kept = sent == 0 ? List.of()
				: List.of(new Kept(PersonalDataProvider.text("mail.personalData.keptSent", sent), PersonalDataProvider.text("mail.personalData.keptSentWhy"),
						null));
		return new Erasure(List.of(PersonalDataProvider.text("mail.personalData.erased", removed.messages())), kept);
	}
}
