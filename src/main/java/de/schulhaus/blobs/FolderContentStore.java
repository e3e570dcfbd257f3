package de.schulhaus.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Content in a local folder ({@code <data-dir>/blobs}), sharded by the id's last two characters. A
 * write goes to {@code tmp/<id>.part} and is then moved in place, so an id never shows half its
 * content.
 * <p>
 * Durability: one fsync per blob, of the file after the move. On a journaling file system (ext4,
 * XFS, btrfs: what the data folder is meant to be on) a file's fsync commits the journal with the
 * rename that gave it its name, so content that {@link BlobStore#stage} returned, and that a row may
 * refer to from then on, survives a crash under its id without a second fsync of the shard folder
 * (which would cost as much again on every small upload). A crash before the fsync leaves at most a
 * file that no row refers to, which the sweeper removes.
 */
class FolderContentStore implements ContentStore {

	private final Path root;
	private final Path temp;
	private final Path uploads;
	/** Shard folders known to exist: asking the file system on every write costs a system call or two. */
	private final Set<Path> shards = ConcurrentHashMap.newKeySet();

	FolderContentStore(Path root) throws IOException {
		this.root = root.toAbsolutePath();
		this.temp = this.root.resolve("tmp");
		this.uploads = this.root.resolve("uploads");
		Files.createDirectories(temp);
		Files.createDirectories(uploads);
	}

	/** {@code uploads/<id>}: beside the shards on the same file system, so completing an upload is a rename. */
	@Override
	public Optional<Path> resumablePart(UUID id) {
		return Optional.of(uploads.resolve(id.toString()));
	}

	@Override
	public void adoptResumable(UUID id) {
		Path part = uploads.resolve(id.toString());
		Path target = path(id);
		try {
			Files.createDirectories(target.getParent());
			Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
			// the rename itself survives a crash only once its folder is synced
			try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
				dir.force(true);
			}
			catch (IOException ignored) {
				// some file systems cannot open a folder for syncing; the rename is still atomic
			}
		}
		catch (NoSuchFileException e) {
			if (!Files.exists(target)) {
				throw new UncheckedIOException(e);
			}
			// adopted before (a crash between the rename and the attach): nothing to do
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public long write(UUID id, InputStream content) {
		Path part = temp.resolve(id + ".part");
		Path target = path(id);
		boolean moved = false;
		try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			long size = copy(content, channel);
			Path shard = target.getParent();
			if (!shards.contains(shard)) {
				Files.createDirectories(shard);
				shards.add(shard);
			}
			Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
			moved = true;
			channel.force(true);
			return size;
		}
		catch (IOException e) {
			// a shard folder removed behind our back is made again by the next write
			shards.remove(target.getParent());
			deleteQuietly(moved ? target : part);
			throw new UncheckedIOException(e);
		}
		catch (RuntimeException e) {
			// e.g. the content stream refusing to go past a size limit: nothing of it stays behind
			deleteQuietly(moved ? target : part);
			throw e;
		}
	}

	/** After how many bytes a large write starts writing what it has to the disk, beside the copying. */
	static final long FLUSH_EVERY = 16L << 20;

	private static final ExecutorService FLUSHES = Executors.newCachedThreadPool(task -> {
		Thread thread = new Thread(task, "blob-flush");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Copies the content into the file; on the way, every {@link #FLUSH_EVERY} bytes, one flush of what is there runs on
	 * another thread (never two at once). The kernel would otherwise keep a large upload in memory until the final fsync
	 * and then write all of it while the client waits: about 0.6 s per GiB on the build box (bench/RESULTS.md).
	 */
	private static long copy(InputStream content, FileChannel channel) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		ByteBuffer bytes = ByteBuffer.wrap(buffer);
		long size = 0;
		long flushedAt = 0;
		Future<Void> flush = null;
		try {
			for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
				bytes.clear().limit(n);
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				size += n;
				if (size - flushedAt >= FLUSH_EVERY && (flush == null || flush.isDone())) {
					finish(flush);
					flushedAt = size;
					flush = FLUSHES.submit(() -> {
						channel.force(false);
						return null;
					});
				}
			}
			finish(flush);
			flush = null;
			return size;
		}
		finally {
			if (flush != null) {
				// failed on the way: the file goes anyway, but not while a flush still uses its channel
				try {
					finish(flush);
				}
				catch (IOException | RuntimeException ignored) {
					// the copy's own failure is the one to report
				}
			}
		}
	}

	/** Waits for the flush (none: null) and passes on its failure. */
	private static void finish(Future<Void> flush) throws IOException {
		if (flush == null) {
			return;
		}
		try {
			flush.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while content was flushed");
		}
		catch (ExecutionException e) {
			throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
		}
	}

	@Override
	public Optional<Stat> stat(UUID id) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(path(id), BasicFileAttributes.class);
			return Optional.of(new Stat(attributes.size(), attributes.lastModifiedTime().toInstant()));
		}
		catch (NoSuchFileException e) {
			return Optional.empty();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public Optional<InputStream> read(UUID id, long offset, long length) {
		try {
			SeekableByteChannel channel = Files.newByteChannel(path(id));
			channel.position(offset);
			return Optional.of(new BoundedInputStream(Channels.newInputStream(channel), length));
		}
		catch (NoSuchFileException e) {
			return Optional.empty();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public Optional<Path> localFile(UUID id) {
		Path file = path(id);
		return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
	}

	@Override
	public void remove(Collection<UUID> ids) {
		ids.forEach(id -> deleteQuietly(path(id)));
	}

	@Override
	public void forEachUntouchedSince(Instant cutoff, int batchSize, Consumer<List<UUID>> batch) {
		List<UUID> candidates = new ArrayList<>(batchSize);
		try (DirectoryStream<Path> shards = Files.newDirectoryStream(root, FolderContentStore::isShard)) {
			for (Path shard : shards) {
				try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
					for (Path file : files) {
						UUID id = idOf(file.getFileName().toString());
						if (id != null && untouchedSince(file, cutoff)) {
							candidates.add(id);
							if (candidates.size() == batchSize) {
								batch.accept(List.copyOf(candidates));
								candidates.clear();
							}
						}
					}
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (!candidates.isEmpty()) {
			batch.accept(List.copyOf(candidates));
		}
	}

	/** Resumable uploads are {@code uploads/<id>}, removed with their rows: never touched here. */
	@Override
	public int removeUnfinishedSince(Instant cutoff, Set<UUID> resumable) {
		int removed = 0;
		try (DirectoryStream<Path> parts = Files.newDirectoryStream(temp, "*.part")) {
			for (Path part : parts) {
				if (untouchedSince(part, cutoff)) {
					deleteQuietly(part);
					removed++;
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return removed;
	}

	@Override
	public Optional<String> problem() {
		return Files.isDirectory(root) && Files.isWritable(root) && Files.isWritable(temp) ? Optional.empty()
				: Optional.of("blob folder not writable");
	}

	Path temp() {
		return temp;
	}

	Path path(UUID id) {
		String s = id.toString();
		return root.resolve(s.substring(s.length() - 2)).resolve(s);
	}

	static UUID idOf(String name) {
		try {
			UUID id = UUID.fromString(name);
			return id.toString().equals(name) ? id : null;
		}
		catch (IllegalArgumentException e) {
			return null; // not ours: left alone
		}
	}

	private static boolean isShard(Path dir) {
		return dir.getFileName().toString().length() == 2 && Files.isDirectory(dir);
	}

	private static boolean untouchedSince(Path file, Instant cutoff) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			return attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff);
		}
		catch (IOException e) {
			return false; // gone meanwhile
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ignored) {
			// the orphan sweeper removes what is left
		}
	}
}
