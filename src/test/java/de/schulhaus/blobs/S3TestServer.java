package de.schulhaus.blobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server in the test JVM: s3proxy on a random localhost port, storing objects with
 * jclouds' filesystem backend in a temporary folder. It signs and checks requests like a real store
 * (SigV4 with these keys), so the SDK talks to it exactly as to MinIO or Ceph.
 */
final class S3TestServer {

	static final String BUCKET = "schulhaus-test";
	static final String ACCESS_KEY = "schulhaus-access";
	static final String SECRET_KEY = "schulhaus-secret-0123456789";

	private final Path folder;
	private final org.jclouds.blobstore.BlobStore backend;
	private S3Proxy proxy;
	private int port;

	private S3TestServer(Path folder) {
		this.folder = folder;
		Properties properties = new Properties();
		properties.setProperty("jclouds.filesystem.basedir", folder.toString());
		this.backend = ContextBuilder.newBuilder("filesystem").credentials("local", "local").overrides(properties)
			.build(BlobStoreContext.class).getBlobStore();
		backend.createContainerInLocation(null, BUCKET);
	}

	static S3TestServer start() {
		try {
			S3TestServer server = new S3TestServer(Files.createTempDirectory("schulhaus-s3"));
			server.startOn(0);
			return server;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	String endpoint() {
		return "http://127.0.0.1:" + port;
	}

	/** The store goes down: connections are refused from now on. */
	void stop() {
		try {
			proxy.stop();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/** Stops the server for good and removes its objects. */
	void close() throws IOException {
		stop();
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/** The store comes back on the same address, with the same objects. */
	void restart() {
		startOn(port);
	}

	/** Makes an object look as if it had been written at the given time (the backend reports the file's time). */
	void age(String key, Instant modified) throws IOException {
		Files.setLastModifiedTime(folder.resolve(BUCKET).resolve(key), FileTime.from(modified));
	}

	private void startOn(int wanted) {
		proxy = S3Proxy.builder().blobStore(backend).endpoint(URI.create("http://127.0.0.1:" + wanted))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
		try {
			proxy.start();
			Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
			while (!"STARTED".equals(proxy.getState()) && Instant.now().isBefore(deadline)) {
				Thread.sleep(10);
			}
		}
		catch (Exception e) {
			throw new IllegalStateException("s3proxy did not start", e);
		}
		port = proxy.getPort();
	}
}
