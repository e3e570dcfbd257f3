package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.schulhaus.FreePorts;

/**
 * The production start {@code bin/schulhaus} with the packaged jar, on the embedded database: the
 * first start makes the start-up cache, the next one uses it, and the JVM accepts it.
 */
class LauncherIT {

	private static final Path LAUNCHER = Path.of("bin/schulhaus").toAbsolutePath();

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@TempDir
	Path work;

	@BeforeEach
	void needsBashProcAndTheJar() {
		assumeTrue(Files.isExecutable(Path.of("/bin/bash")) && Files.isDirectory(Path.of("/proc/self")),
				"the launcher is a bash script; the test reads the JVM's memory maps under /proc");
		assumeTrue(Files.isRegularFile(Path.of("target/schulhaus.jar")), "needs the packaged jar");
	}

	@Test
	void firstStartMakesTheStartUpCacheAndTheNextStartUsesIt() throws Exception {
		String first = startUntilHealthyAndStop("first", "SCHULHAUS_TRAINING_FLOWS", "30").output();
		assertThat(first).contains("preparing the start-up cache").contains("start-up cache ready")
			.doesNotContain("training workload failed");
		List<Path> archives = archives();
		assertThat(archives).as("one finished archive, no temporary file").hasSize(1);
		assertThat(archives.get(0).getFileName().toString()).matches("schulhaus\\.(aot|jsa)");
		Path cache = archives.get(0).getParent();
		assertThat(Files.readString(cache.resolve("training.log"))).as("the training served its sign-ins")
			.contains("Training workload: 30 sign-ins").contains(", 0 failed");
		assertThat(cache.resolve("training-data")).as("the training's own database is gone").doesNotExist();

		Run second = startUntilHealthyAndStop("second");
		assertThat(second.output()).doesNotContain("preparing the start-up cache")
			.contains("Started SchulhausApplication")
			.doesNotContainPattern("\\[(warning|error) *\\]\\[(cds|aot)");
		// JDK 17 drops an unusable archive silently: that the JVM mapped it into memory shows it was used
		assertThat(second.memoryMaps()).as("the running JVM's memory maps").contains(archives.get(0).toString());
		assertThat(second.schools()).as("the configured database holds none of the training's demo data")
			.startsWith("[").doesNotContain("199999");
	}

	@Test
	void startsThePlainJarWhenTheCacheIsSwitchedOff() throws Exception {
		String output = startUntilHealthyAndStop("off", "SCHULHAUS_LAUNCH_CACHE", "off").output();
		assertThat(output).doesNotContain("start-up cache").contains("Started SchulhausApplication");
		assertThat(Files.exists(work.resolve("data/launch-cache"))).isFalse();
	}

	private Run startUntilHealthyAndStop(String name, String... extraEnvironment) throws Exception {
		int port = FreePorts.outsideEphemeralRange();
		Path log = work.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString()).redirectErrorStream(true)
				.redirectOutput(log.toFile());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().put("JAVA_OPTS", "-Xmx384m");
		builder.environment().put("SCHULHAUS_DATA_DIR", work.resolve("data").toString());
		builder.environment().put("SERVER_PORT", String.valueOf(port));
		builder.environment().put("SCHULHAUS_OPERATOR_PASSWORD", "launcher-test-password-2026");
		builder.environment().put("SCHULHAUS_OPERATOR_TOKEN", OPERATOR_TOKEN);
		builder.environment().remove("SCHULHAUS_DB_URL");
		for (int i = 0; i < extraEnvironment.length; i += 2) {
			builder.environment().put(extraEnvironment[i], extraEnvironment[i + 1]);
		}
		Process process = builder.start();
		String memoryMaps;
		String schools;
		try {
			awaitHealthy(process, port, log);
			// the script replaces itself with the JVM (exec): the process is the JVM
			memoryMaps = Files.readString(Path.of("/proc/" + process.pid() + "/maps"));
			schools = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/schools"))
				// the operator never uses the account password over Basic: the token from the first start
				.header("Authorization", "Bearer " + OPERATOR_TOKEN)
				.build(), HttpResponse.BodyHandlers.ofString()).body();
		}
		finally {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		return new Run(Files.readString(log), memoryMaps, schools);
	}

	private static final String OPERATOR_TOKEN = "launcher-test-operator-token-0123456789abcdef";

	private record Run(String output, String memoryMaps, String schools) {
	}

	private void awaitHealthy(Process process, int port, Path log) throws Exception {
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new AssertionError("the platform stopped:\n" + Files.readString(log));
			}
			try {
				HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException notYetListening) {
				// the port opens at the end of the start
			}
			Thread.sleep(200);
		}
		throw new AssertionError("not healthy after " + START_TIMEOUT + ":\n" + Files.readString(log));
	}

	private List<Path> archives() throws IOException {
		try (Stream<Path> files = Files.walk(work.resolve("data/launch-cache"), 2)) {
			return files.filter(file -> file.getFileName().toString().startsWith("schulhaus.")).toList();
		}
	}
}
