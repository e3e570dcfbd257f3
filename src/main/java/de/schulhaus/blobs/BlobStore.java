package de.schulhaus.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import de.schulhaus.platform.Ids;
import de.schulhaus.platform.PlatformProperties;

/** Stores content by id in {@code <data-dir>/blobs}, sharded by the id's last characters. */
@Service
public class BlobStore {

	private final Path root;
	private final Path temp;

	BlobStore(PlatformProperties properties) throws IOException {
		this.root = properties.dataDir().resolve("blobs").toAbsolutePath();
		this.temp = root.resolve("tmp");
		Files.createDirectories(temp);
	}

	/** Streams the content to a temporary file, fsyncs it and moves it in place; returns its id. */
	public UUID put(InputStream content) {
		UUID id = Ids.newId();
		Path tmp = temp.resolve(id + ".part");
		try {
			try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
				content.transferTo(out);
			}
			try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			Path target = path(id);
			Files.createDirectories(target.getParent());
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
			return id;
		}
		catch (IOException e) {
			try {
				Files.deleteIfExists(tmp);
			}
			catch (IOException ignored) {
				// the sweeper removes what is left
			}
			throw new UncheckedIOException(e);
		}
	}

	public Optional<InputStream> open(UUID id) {
		try {
			return Optional.of(Files.newInputStream(path(id)));
		}
		catch (java.nio.file.NoSuchFileException e) {
			return Optional.empty();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public void delete(UUID id) {
		try {
			Files.deleteIfExists(path(id));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** For the health check: the folder exists and takes writes. */
	boolean writable() {
		return Files.isDirectory(root) && Files.isWritable(root) && Files.isWritable(temp);
	}

	private Path path(UUID id) {
		String s = id.toString();
		return root.resolve(s.substring(s.length() - 2)).resolve(s);
	}
}
