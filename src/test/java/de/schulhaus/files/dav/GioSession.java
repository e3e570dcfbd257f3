package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GNOME's file access without a desktop: a D-Bus session bus of its own, which starts gvfsd (and gvfsd
 * starts gvfsd-dav for a {@code dav://} mount) the way a GNOME session does, and {@code gio} commands
 * on that bus, each with a time limit. Closing it ends the bus and every daemon it started.
 */
final class GioSession implements AutoCloseable {

	private static final long TIMEOUT_SECONDS = 30;

	private final Path dir;
	private final Map<String, String> environment;
	private final Process bus;

	private GioSession(Path dir, Map<String, String> environment, Process bus) {
		this.dir = dir;
		this.environment = environment;
		this.bus = bus;
	}

	/**
	 * A bus with a home, a runtime folder and settings of its own under {@code dir}: no FUSE mount of
	 * gvfs, no volume monitors (no udisks here), C.UTF-8 so names and messages come as UTF-8 in English.
	 */
	static GioSession start(Path dir) throws Exception {
		Path home = Files.createDirectories(dir.resolve("home"));
		Path runtime = Files.createDirectories(dir.resolve("run"));
		Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
		Map<String, String> environment = new HashMap<>(Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR",
				runtime.toString(), "GVFS_DISABLE_FUSE", "1", "GVFS_REMOTE_VOLUME_MONITOR_IGNORE", "1", "LC_ALL", "C.UTF-8",
				"LANGUAGE", ""));
		Path address = dir.resolve("bus.address");
		ProcessBuilder builder = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1")
			.redirectOutput(address.toFile()).redirectError(dir.resolve("bus.log").toFile());
		builder.environment().putAll(environment);
		Process bus = builder.start();
		GioSession session = new GioSession(dir, environment, bus);
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (Files.readString(address).isBlank() && bus.isAlive() && System.nanoTime() < until) {
			Thread.sleep(20);
		}
		String line = Files.readString(address).strip();
		if (line.isEmpty()) {
			session.close();
			throw new IllegalStateException("dbus-daemon gave no address: " + Files.readString(dir.resolve("bus.log")));
		}
		environment.put("DBUS_SESSION_BUS_ADDRESS", line);
		return session;
	}

	record Run(int exit, String out, String err) {

		Run succeeded(String what) {
			assertThat(exit).as("%s:%n%s%s", what, out, err).isZero();
			return this;
		}
	}

	/** {@code gio} with these arguments, {@code input} on its standard input (say what {@code gio mount} asks for). */
	Run gio(String input, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("gio"));
		command.addAll(List.of(args));
		return run(command, input);
	}

	/**
	 * {@code gio rename} to a new name given as UTF-8 bytes in a file: a name in the argument list would
	 * be encoded in the JVM's platform charset, which is ASCII where no locale is set.
	 */
	Run rename(String uri, String newName) throws Exception {
		Path name = Files.createTempFile(dir, "name", ".txt");
		Files.writeString(name, newName, StandardCharsets.UTF_8);
		return run(List.of("sh", "-c", "exec gio rename \"$1\" \"$(cat \"$2\")\"", "sh", uri, name.toString()), null);
	}

	private Run run(List<String> command, String input) throws Exception {
		Path out = Files.createTempFile(dir, "gio", ".out");
		Path err = Files.createTempFile(dir, "gio", ".err");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		try (OutputStream stdin = process.getOutputStream()) {
			if (input != null) {
				stdin.write(input.getBytes(StandardCharsets.UTF_8));
			}
		}
		catch (IOException closedEarly) {
			// gio did not read what we offered: its exit code and message tell why
		}
		boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (!finished) {
			process.destroyForcibly().waitFor();
		}
		String stderr = Files.readString(err, StandardCharsets.UTF_8);
		assertThat(finished).as("%s finished in time:%n%s", command, stderr).isTrue();
		return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr);
	}

	/** Ends gvfsd, gvfsd-dav and whatever else the bus started, then the bus. */
	@Override
	public void close() throws Exception {
		List<ProcessHandle> daemons = bus.descendants().toList();
		daemons.forEach(ProcessHandle::destroy);
		for (ProcessHandle daemon : daemons) {
			try {
				daemon.onExit().get(5, TimeUnit.SECONDS);
			}
			catch (TimeoutException ex) {
				daemon.destroyForcibly();
			}
		}
		bus.destroy();
		if (!bus.waitFor(5, TimeUnit.SECONDS)) {
			bus.destroyForcibly().waitFor();
		}
	}
}
