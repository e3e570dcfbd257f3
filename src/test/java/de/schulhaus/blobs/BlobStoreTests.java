package de.schulhaus.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.IntegrationTest;
import de.schulhaus.platform.Ids;

/** Content and its row commit or roll back together; what a crash leaves is swept away. */
@IntegrationTest
class BlobStoreTests {

	@Autowired
	BlobStore blobs;

	@Autowired
	OrphanBlobs orphans;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	private final UUID school = Ids.newId();

	@Test
	void aCommittedBlobIsKeptWithItsSizeForItsSchool() throws IOException {
		UUID id = transactions.execute(status -> blobs.put(school, content("Klassenliste 5a")));
		assertThat(read(id)).isEqualTo("Klassenliste 5a");
		assertThat(jdbc.sql("select size_bytes from stored_blob where id = :id and school_id = :s")
			.param("id", id).param("s", school).query(Long.class).single()).isEqualTo(15L);
	}

	@Test
	void aBlobWhoseTransactionRollsBackIsRemovedAtOnce() {
		UUID[] id = new UUID[1];
		transactions.executeWithoutResult(status -> {
			id[0] = blobs.put(school, content("wird verworfen"));
			assertThat(blobs.open(id[0])).isPresent();
			status.setRollbackOnly();
		});
		assertThat(blobs.open(id[0])).isEmpty();
		assertThat(rows(id[0])).isZero();
	}

	@Test
	void deletedContentStaysUntilTheDeleteCommits() throws IOException {
		UUID id = transactions.execute(status -> blobs.put(school, content("bleibt bis zum Commit")));
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
		assertThat(rows(id)).isZero();
	}

	@Test
	void blobsOutsideATransactionAreRefused() {
		assertThatThrownBy(() -> blobs.put(school, content("ohne Transaktion"))).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void theSweeperRemovesOldOrphansAndUnfinishedFilesAndKeepsEverythingElse() throws IOException {
		Instant old = Instant.now().minus(OrphanBlobs.GRACE).minus(Duration.ofMinutes(1));
		UUID kept = transactions.execute(status -> blobs.put(school, content("referenziert")));
		age(blobs.path(kept), old);
		// a crash between the file and the commit: content without a row, old and young
		Path oldOrphan = orphanFile(old);
		Path youngOrphan = orphanFile(Instant.now());
		Path oldPart = Files.writeString(blobs.temp().resolve(Ids.newId() + ".part"), "halb");
		age(oldPart, old);
		Path youngPart = Files.writeString(blobs.temp().resolve(Ids.newId() + ".part"), "kommt noch");
		Path foreign = Files.writeString(blobs.path(kept).resolveSibling("README"), "not a blob");
		age(foreign, old);

		OrphanBlobs.Removed removed = orphans.removeUntouchedSince(Instant.now().minus(OrphanBlobs.GRACE));

		assertThat(removed.orphans()).isGreaterThanOrEqualTo(1);
		assertThat(removed.unfinished()).isGreaterThanOrEqualTo(1);
		assertThat(oldOrphan).doesNotExist();
		assertThat(oldPart).doesNotExist();
		assertThat(read(kept)).isEqualTo("referenziert");
		assertThat(youngOrphan).as("its transaction may still be running").exists();
		assertThat(youngPart).as("an upload may still be arriving").exists();
		assertThat(foreign).exists();
		Files.delete(foreign);
	}

	private Path orphanFile(Instant modified) throws IOException {
		Path file = blobs.path(Ids.newId());
		Files.createDirectories(file.getParent());
		Files.writeString(file, "verwaist");
		age(file, modified);
		return file;
	}

	private static void age(Path file, Instant modified) throws IOException {
		Files.setLastModifiedTime(file, FileTime.from(modified));
	}

	private int rows(UUID id) {
		return jdbc.sql("select count(*) from stored_blob where id = :id").param("id", id).query(Integer.class).single();
	}

	private String read(UUID id) throws IOException {
		try (InputStream in = blobs.open(id).orElseThrow()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static InputStream content(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}
}
