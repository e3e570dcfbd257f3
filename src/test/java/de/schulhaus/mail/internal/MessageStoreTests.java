package de.schulhaus.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

@IntegrationTest
class MessageStoreTests {

	@Autowired MockMvc mvc;
	@Autowired MailAddresses addresses;
	@Autowired Mailboxes mailboxes;
	@Autowired MailFolders folders;
	@Autowired MessageStore store;
	@Autowired MailWatchers watchers;
	@Autowired StorageQuotas quotas;

	TestSchools schools;
	TestSchools.SchoolRef school;
	TestSchools.UserRef anna;

	@BeforeEach
	void setUp() throws Exception {
		schools = new TestSchools(mvc);
		school = schools.createSchool("Mail-Schule");
		anna = schools.createUser(school, "Anna", "Amsel", "TEACHER", "lang-genug-passwort-1", null);
	}

	@Test
	void aDeliveredMessageLandsInTheInboxWithAUidAndWhatListsShow() throws Exception {
		Mailbox box = ((MailAddresses.ToMailbox) addresses.resolve(anna.login().toUpperCase())).mailbox();
		assertThat(folders.list(box)).extracting(MailFolder::name)
			.containsExactly("INBOX", "Entwürfe", "Gesendet", "Archiv", "Spam", "Papierkorb");
		List<UUID> changed = new CopyOnWriteArrayList<>();
		try (AutoCloseable watch = watchers.watch(box.id(), changed::add)) {
			Map<UUID, MessageStore.Delivery> result = store.deliver(stage(message("Elternabend", "<a1@x>", null)), List.of(box), "joerg@example.org");
			assertThat(result.get(box.id()).delivered()).isTrue();
			MessageStore.Delivery second = store.deliver(stage(message("Re: Elternabend", "<a2@x>", "<a1@x>")), List.of(box), "joerg@example.org").get(box.id());
			assertThat(second.appended().uid()).isEqualTo(2);
		}
		MailFolder inbox = folders.byName(box, "inbox").orElseThrow();
		assertThat(changed).contains(inbox.id());
		List<StoredMessage> messages = store.byUids(inbox, List.of(1L, 2L));
		assertThat(messages).extracting(StoredMessage::subject).containsExactly("Elternabend", "Re: Elternabend");
		assertThat(messages.get(0).fromName()).isEqualTo("Jörg Müller");
		assertThat(messages.get(0).fromAddress()).isEqualTo("joerg@example.org");
		assertThat(messages.get(0).preview()).startsWith("Liebe Eltern, der Elternabend");
		assertThat(messages.get(1).threadId()).isEqualTo(messages.get(0).threadId());
		try (InputStream raw = store.open(messages.get(0))) {
			assertThat(new String(raw.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(message("Elternabend", "<a1@x>", null));
		}
		assertThat(quotas.usage(BlobOwner.mail(school.id(), anna.id())).usedBytes()).isEqualTo(messages.get(0).sizeBytes() + messages.get(1).sizeBytes());
	}

	@Test
	void flagsMovesAndExpungesKeepUidsAndReportWhatWentAway() throws Exception {
		Mailbox box = mailboxes.personal(school.id(), anna.id(), "Anna Amsel");
		MailFolder inbox = folders.special(box, SpecialUse.INBOX).orElseThrow();
		for (int i = 0; i < 3; i++) {
			store.deliver(stage(message("Nr " + i, "<n" + i + "@x>", null)), List.of(box), "joerg@example.org");
		}
		MessageStore.FlagResult flagged = store.storeFlags(inbox, List.of(1L, 2L), MessageStore.FlagMode.ADD, Flags.of(List.of("\\Seen", "$Wichtig")), null);
		assertThat(flagged.changed()).hasSize(2);
		long modseq = flagged.changed().get(0).modseq();
		MessageStore.FlagResult conditional = store.storeFlags(inbox, List.of(1L, 3L), MessageStore.FlagMode.ADD, Flags.of(List.of("\\Flagged")), modseq - 1);
		assertThat(conditional.failed()).containsExactly(1L);
		assertThat(store.byUids(inbox, List.of(1L)).get(0).flags().names()).containsExactly("\\Seen", "$Wichtig");

		MailFolder archive = folders.special(box, SpecialUse.ARCHIVE).orElseThrow();
		MessageStore.Transfer moved = store.move(inbox, List.of(2L), archive);
		assertThat(moved.targetUids()).containsExactly(1L);
		MessageStore.Transfer copied = store.copy(inbox, List.of(1L), archive);
		assertThat(copied.targetUids()).containsExactly(2L);

		store.storeFlags(inbox, List.of(1L, 3L), MessageStore.FlagMode.ADD, Flags.of(List.of("\\Deleted")), null);
		assertThat(store.expunge(inbox, null)).containsExactly(1L, 3L);
		assertThat(store.byUids(inbox, List.of(1L, 2L, 3L))).isEmpty();
		// the copy in the archive still reads: the raw message went only with its last message
		try (InputStream raw = store.open(store.byUids(archive, List.of(2L)).get(0))) {
			assertThat(new String(raw.readAllBytes(), StandardCharsets.UTF_8)).contains("Subject: Nr 0");
		}
		MailFolder created = folders.create(box, "Projekte/Klassenfahrt");
		assertThat(store.copy(archive, List.of(1L, 2L), created).targetUids()).containsExactly(1L, 2L);
		folders.rename(box, folders.create(box, "Projekte"), "Schule");
		assertThat(folders.list(box)).extracting(MailFolder::name).contains("Schule", "Schule/Klassenfahrt");
	}

	@Test
	void aFullMailboxRefusesWhileTheOthersStillGetTheMessage() throws Exception {
		TestSchools.UserRef ben = schools.createUser(school, "Ben", "Birke", "PUPIL", "lang-genug-passwort-2", null);
		quotas.setPersonal(school.id(), ben.id(), null, 0L, new SchulhausUser(anna.id(), school.id(), anna.login(), "Anna Amsel", Role.SCHOOL_ADMIN, "de", false, true, null));
		Mailbox annas = mailboxes.personal(school.id(), anna.id(), "Anna Amsel");
		Mailbox bens = mailboxes.personal(school.id(), ben.id(), "Ben Birke");
		Map<UUID, MessageStore.Delivery> result = store.deliver(stage(message("Hallo", "<h@x>", null)), List.of(annas, bens), "joerg@example.org");
		assertThat(result.get(annas.id()).delivered()).isTrue();
		assertThat(result.get(bens.id()).delivered()).isFalse();
		assertThat(store.byUids(folders.special(bens, SpecialUse.INBOX).orElseThrow(), List.of(1L))).isEmpty();
	}

	@Test
	void tooLargeMessagesAndForeignFoldersAreRefused() throws Exception {
		assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(new byte[2048]), 1024)).isInstanceOf(MessageTooLargeException.class);
		Mailbox box = mailboxes.personal(school.id(), anna.id(), "Anna Amsel");
		MailFolder inbox = folders.special(box, SpecialUse.INBOX).orElseThrow();
		assertThat(folders.find(schools.createSchool("Andere Schule").id(), inbox.id())).isEmpty();
		assertThat(addresses.resolve("niemand@" + school.domain())).isInstanceOf(MailAddresses.Unknown.class);
		assertThat(addresses.resolve("jemand@example.org")).isInstanceOf(MailAddresses.External.class);
		assertThatThrownBy(() -> folders.create(box, "INBOX/x")).hasMessageContaining("mail.error.folderName");
		assertThat(Flags.of(Set.of("\\Seen")).seen()).isTrue();
	}

	private StagedMessage stage(String raw) {
		return store.stage(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), 1_000_000);
	}

	static String message(String subject, String id, String inReplyTo) {
		return "From: =?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <Joerg@example.org>\r\n"
				+ "To: Anna Amsel <anna@example.org>\r\n"
				+ "Subject: " + subject + "\r\n"
				+ "Date: Mon, 30 Nov 2026 10:00:00 +0100\r\n"
				+ "Message-ID: " + id + "\r\n"
				+ (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\n")
				+ "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
				+ "Liebe Eltern, der Elternabend ist am Donnerstag.\r\n";
	}
}
