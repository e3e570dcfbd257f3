package de.schulhaus.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import de.schulhaus.IntegrationTest;
import de.schulhaus.platform.Ids;

/** The local folder store (the default): the shared behaviour, and what a crash leaves in the folder. */
@IntegrationTest
class BlobStoreTests extends BlobStoreBehaviour {

	@Autowired
	ContentStore content;

	FolderContentStore folder() {
		return (FolderContentStore) content;
	}

	@Override
	void age(UUID id, Instant modified) throws IOException {
		Files.setLastModifiedTime(folder().path(id), FileTime.from(modified));
	}

	@Test
	void theSweeperRemovesUnfinishedWritesAndLeavesForeignFilesAlone() throws IOException {
		Instant old = Instant.now().minus(properties.stagingAge()).minus(Duration.ofMinutes(1));
		Path oldPart = Files.writeString(folder().temp().resolve(Ids.newId() + ".part"), "halb");
		Files.setLastModifiedTime(oldPart, FileTime.from(old));
		Path youngPart = Files.writeString(folder().temp().resolve(Ids.newId() + ".part"), "kommt noch");
		UUID kept = stageAndAttach("referenziert");
		Path foreign = Files.writeString(folder().path(kept).resolveSibling("README"), "not a blob");
		Files.setLastModifiedTime(foreign, FileTime.from(old));

		OrphanBlobs.Removed removed = orphans.removeUntouchedSince(Instant.now().minus(properties.stagingAge()));

		assertThat(removed.unfinished()).isGreaterThanOrEqualTo(1);
		assertThat(oldPart).doesNotExist();
		assertThat(youngPart).as("an upload may still be arriving").exists();
		assertThat(foreign).exists();
		Files.delete(foreign);
		Files.delete(youngPart);
	}

	@Test
	void anUploadThatBreaksOffLeavesNothingBehind() throws IOException {
		long partsBefore;
		try (Stream<Path> parts = Files.list(folder().temp())) {
			partsBefore = parts.count();
		}
		// past FolderContentStore.FLUSH_EVERY, so that it breaks off while content is being flushed
		InputStream breaksOff = new SequenceInputStream(new GeneratedContent(2 * FolderContentStore.FLUSH_EVERY + 5), new InputStream() {
			@Override
			public int read() throws IOException {
				throw new IOException("connection reset by the browser");
			}
		});
		assertThatThrownBy(() -> blobs.stage(breaksOff)).isInstanceOf(UncheckedIOException.class);
		try (Stream<Path> parts = Files.list(folder().temp())) {
			assertThat(parts.count()).isEqualTo(partsBefore);
		}
	}
}
