package de.schulhaus.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.platform.Ids;

/**
 * What every content store does the same, run against the local folder and against S3: staged
 * content and its row commit or roll back together, deletes wait for the commit, ranges read what
 * they say, and what nothing attached is swept away.
 */
abstract class BlobStoreBehaviour {

	static final long MB = 1024 * 1024;

	@Autowired
	BlobStore blobs;

	@Autowired
	BlobUsage usage;

	@Autowired
	OrphanBlobs orphans;

	@Autowired
	BlobsProperties properties;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	final UUID school = Ids.newId();

	/** Makes the content look as if it had been written at that time. */
	abstract void age(UUID id, Instant modified) throws IOException;

	@Test
	void stagedContentAttachedInATransactionIsKeptWithItsOwnerAndSize() throws IOException {
		UUID account = Ids.newId();
		StagedBlob staged = blobs.stage(content("Klassenliste 5a"));
		assertThat(staged.size()).isEqualTo(15);
		UUID id = inTransaction(() -> blobs.attach(staged, BlobOwner.account(school, account)));

		assertThat(id).isEqualTo(staged.id());
		assertThat(read(id)).isEqualTo("Klassenliste 5a");
		assertThat(blobs.size(id)).hasValue(15);
		assertThat(jdbc.sql("select school_id, owner_kind, owner_id, size_bytes from stored_blob where id = :id").param("id", id)
			.query().singleRow()).containsEntry("school_id", school).containsEntry("owner_kind", "account")
			.containsEntry("owner_id", account).containsEntry("size_bytes", 15L);
	}

	@Test
	void stagingHappensOutsideTransactionsAndAttachingOrDeletingInsideOne() {
		assertThatThrownBy(() -> inTransaction(() -> blobs.stage(content("hält eine Verbindung"))))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("outside transactions");
		StagedBlob staged = blobs.stage(content("ohne Transaktion"));
		assertThatThrownBy(() -> blobs.attach(staged, BlobOwner.school(school))).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> blobs.delete(staged.id())).isInstanceOf(IllegalStateException.class);
		blobs.discard(staged);
	}

	@Test
	void anAttachWhoseTransactionRollsBackRemovesTheContentAtOnce() {
		StagedBlob staged = blobs.stage(content("wird verworfen"));
		transactions.executeWithoutResult(status -> {
			blobs.attach(staged, BlobOwner.school(school));
			assertThat(blobs.open(staged.id())).isPresent().get().satisfies(InputStream::close);
			status.setRollbackOnly();
		});
		assertThat(blobs.open(staged.id())).isEmpty();
		assertThat(rows(staged.id())).isZero();
	}

	@Test
	void deletedContentStaysUntilTheDeleteCommits() throws IOException {
		UUID id = stageAndAttach("bleibt bis zum Commit");
		transactions.executeWithoutResult(status -> {
			blobs.delete(id);
			status.setRollbackOnly();
		});
		assertThat(read(id)).as("a rolled-back delete loses nothing").isEqualTo("bleibt bis zum Commit");
		assertThat(rows(id)).isOne();

		transactions.executeWithoutResult(status -> {
			blobs.delete(id);
			assertThat(blobs.open(id)).as("still readable until the commit").isPresent().get().satisfies(InputStream::close);
		});
		assertThat(blobs.open(id)).isEmpty();
		assertThat(blobs.size(id)).isEmpty();
		assertThat(rows(id)).isZero();
	}

	@Test
	void rangesReadWhatTheySay() throws IOException {
		UUID id = stageAndAttach("0123456789");
		assertThat(read(blobs.open(id, 3, 4))).isEqualTo("3456");
		assertThat(read(blobs.open(id, 0, 1))).isEqualTo("0");
		assertThat(read(blobs.open(id, 7, 100))).as("a range past the end ends with the content").isEqualTo("789");
		assertThat(read(blobs.open(id, 9, Long.MAX_VALUE))).isEqualTo("9");
		assertThat(read(blobs.open(id, 4, 0))).isEmpty();
		assertThat(read(blobs.open(id, 10, 5))).as("a range that starts at the end is empty").isEmpty();
		assertThat(blobs.open(Ids.newId(), 0, 5)).isEmpty();
		assertThatThrownBy(() -> blobs.open(id, -1, 5)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void contentOfSeveralPartsIsStreamedWholeAndReadByRangeAcrossParts() throws IOException {
		long length = 20 * MB + 12345;
		StagedBlob staged = blobs.stage(new GeneratedContent(length));
		UUID id = inTransaction(() -> blobs.attach(staged, BlobOwner.group(school, Ids.newId())));

		assertThat(staged.size()).isEqualTo(length);
		assertThat(blobs.size(id)).hasValue(length);
		try (InputStream in = blobs.open(id).orElseThrow()) {
			assertThat(GeneratedContent.verify(in, 0)).isEqualTo(length);
		}
		long boundary = 8 * MB;
		try (InputStream in = blobs.open(id, boundary - 3, 6).orElseThrow()) {
			assertThat(GeneratedContent.verify(in, boundary - 3)).isEqualTo(6);
		}
		try (InputStream in = blobs.open(id, length - 100, 1000).orElseThrow()) {
			assertThat(GeneratedContent.verify(in, length - 100)).isEqualTo(100);
		}
	}

	@Test
	void discardedContentIsRemovedAtOnceButAttachedContentIsNot() {
		StagedBlob abandoned = blobs.stage(content("doch nicht"));
		blobs.discard(abandoned);
		assertThat(blobs.open(abandoned.id())).isEmpty();

		UUID kept = stageAndAttach("angehängt");
		blobs.discard(new StagedBlob(kept, 9));
		assertThat(blobs.open(kept)).as("attached meanwhile: kept").isPresent().get().satisfies(InputStream::close);
	}

	@Test
	void contentStagedTooLongAgoIsNotAttached() throws IOException {
		StagedBlob staged = blobs.stage(content("zu alt"));
		age(staged.id(), Instant.now().minus(properties.stagingAge().dividedBy(2)).minusSeconds(60));
		assertThatThrownBy(() -> inTransaction(() -> blobs.attach(staged, BlobOwner.school(school))))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("stage it again");
		assertThat(rows(staged.id())).isZero();
		blobs.discard(staged);
		assertThatThrownBy(() -> inTransaction(() -> blobs.attach(staged, BlobOwner.school(school))))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("gone");
	}

	@Test
	void theSweeperRemovesOldContentWithoutARowAndKeepsEverythingElse() throws IOException {
		Instant old = Instant.now().minus(properties.stagingAge()).minus(Duration.ofMinutes(1));
		UUID attached = stageAndAttach("referenziert");
		age(attached, old);
		StagedBlob neverAttached = blobs.stage(content("nie angehängt"));
		age(neverAttached.id(), old);
		StagedBlob young = blobs.stage(content("wird gleich angehängt"));

		OrphanBlobs.Removed removed = orphans.removeUntouchedSince(Instant.now().minus(properties.stagingAge()));

		assertThat(removed.orphans()).isGreaterThanOrEqualTo(1);
		assertThat(blobs.open(neverAttached.id())).isEmpty();
		assertThat(read(attached)).isEqualTo("referenziert");
		assertThat(blobs.open(young.id())).as("its attach may still come").isPresent().get().satisfies(InputStream::close);
		blobs.discard(young);
	}

	@Test
	void usageIsSummedFromTheRowsPerSchoolAndSpace() {
		UUID account = Ids.newId();
		UUID group = Ids.newId();
		StagedBlob forAccount = blobs.stage(content("1234567"));
		inTransaction(() -> blobs.attach(forAccount, BlobOwner.account(school, account)));
		StagedBlob forGroup = blobs.stage(content("123"));
		StagedBlob forSchool = blobs.stage(content("12"));
		inTransaction(() -> {
			blobs.attach(forGroup, BlobOwner.group(school, group));
			return blobs.attach(forSchool, BlobOwner.school(school));
		});
		assertThat(usage.bytesUsed(school)).isEqualTo(12);
		assertThat(usage.bytesUsed(BlobOwner.account(school, account))).isEqualTo(7);
		assertThat(usage.bytesUsed(BlobOwner.group(school, group))).isEqualTo(3);
		assertThat(usage.bytesUsed(BlobOwner.school(school))).isEqualTo(2);
		assertThat(usage.bytesUsed(BlobOwner.account(school, Ids.newId()))).isZero();
	}

	UUID stageAndAttach(String text) {
		StagedBlob staged = blobs.stage(content(text));
		return inTransaction(() -> blobs.attach(staged, BlobOwner.school(school)));
	}

	<T> T inTransaction(Supplier<T> work) {
		return transactions.execute(status -> work.get());
	}

	int rows(UUID id) {
		return jdbc.sql("select count(*) from stored_blob where id = :id").param("id", id).query(Integer.class).single();
	}

	String read(UUID id) throws IOException {
		return read(blobs.open(id));
	}

	static String read(Optional<InputStream> content) throws IOException {
		try (InputStream in = content.orElseThrow()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	static InputStream content(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}
}
