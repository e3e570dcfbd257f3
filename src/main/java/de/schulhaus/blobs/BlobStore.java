package de.schulhaus.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import de.schulhaus.platform.Ids;
import de.schulhaus.platform.PlatformProperties;

/**
 * Stores content by id in {@code <data-dir>/blobs}, sharded by the id's last characters.
 * <p>
 * A blob is put and deleted within the transaction that stores or drops the row referring to it:
 * its own row ({@code stored_blob}) commits or rolls back with that transaction. A blob whose
 * transaction rolls back is removed at once; deleted content is removed only after the commit, so
 * a rolled-back delete loses nothing. What a crash leaves behind, {@link OrphanBlobs} removes.
 */
@Service
public class BlobStore {

	private final Path root;
	private final Path temp;
	private final JdbcClient jdbc;

	BlobStore(PlatformProperties properties, JdbcClient jdbc) throws IOException {
		this.root = properties.dataDir().resolve("blobs").toAbsolutePath();
		this.temp = root.resolve("tmp");
		this.jdbc = jdbc;
		Files.createDirectories(temp);
	}

	/**
	 * Streams the content to a temporary file, fsyncs it, moves it in place and records it for the
	 * school (null for the platform's own); returns its id. Must run in a transaction.
	 */
	public UUID put(UUID schoolId, InputStream content) {
		requireTransaction();
		UUID id = Ids.newId();
		Path tmp = temp.resolve(id + ".part");
		Path target = path(id);
		long size;
		try {
			try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
				size = content.transferTo(out);
			}
			try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			Files.createDirectories(target.getParent());
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			deleteQuietly(tmp);
			throw new UncheckedIOException(e);
		}
		catch (RuntimeException e) {
			// e.g. the content stream refusing to go past a size limit: nothing of it stays behind
			deleteQuietly(tmp);
			throw e;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					deleteQuietly(target);
				}
			}
		});
		jdbc.sql("insert into stored_blob (id, school_id, size_bytes, created_at) values (:id, :school, :size, :at)")
			.param("id", id).param("school", schoolId).param("size", size).param("at", Timestamp.from(Instant.now()))
			.update();
		return id;
	}

	public Optional<InputStream> open(UUID id) {
		try {
			return Optional.of(Files.newInputStream(path(id)));
		}
		catch (NoSuchFileException e) {
			return Optional.empty();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Drops the blob's row now and its content once the transaction has committed. */
	public void delete(UUID id) {
		requireTransaction();
		jdbc.sql("delete from stored_blob where id = :id").param("id", id).update();
		Path file = path(id);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				deleteQuietly(file);
			}
		});
	}

	/** For the health check: the folder exists and takes writes. */
	boolean writable() {
		return Files.isDirectory(root) && Files.isWritable(root) && Files.isWritable(temp);
	}

	Path root() {
		return root;
	}

	Path temp() {
		return temp;
	}

	Path path(UUID id) {
		String s = id.toString();
		return root.resolve(s.substring(s.length() - 2)).resolve(s);
	}

	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			// without one, a failure after the put would leave a blob that nothing refers to but its row
			throw new IllegalStateException("blobs are put and deleted within the transaction of the row that refers to them");
		}
	}

	static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ignored) {
			// the orphan sweeper removes what is left
		}
	}
}
