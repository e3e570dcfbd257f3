package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/**
 * rclone, a sync client many people use, against the application on a real port: a tree of 500 files
 * goes up, comes down byte for byte, and a second sync carries a change and a deletion.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class RcloneTests {

	static final int FILES = 500;

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@TempDir
	Path temp;

	@Test
	void aTreeGoesUpAndComesDownByteForByte() throws Exception {
		DavClients.requireInstalled("rclone");
		var teacher = DavClients.Teacher.of(mvc, credentials, users, "Rclone-Schule", "Rita", "Rclone");
		String secret = teacher.appPassword();

		Path local = Files.createDirectories(temp.resolve("hier"));
		Path back = Files.createDirectories(temp.resolve("zurück"));
		List<String> tree = writeTree(local);
		Path config = temp.resolve("rclone.conf");
		Files.writeString(config, """
				[remote]
				type = webdav
				url = http://127.0.0.1:%d/dav/files/%s/
				vendor = other
				user = %s
				pass = %s
				""".formatted(port, teacher.login(), teacher.login(), rclone(config, "obscure", secret).strip()));

		long start = System.nanoTime();
		rclone(config, "sync", local.toString(), "remote:baum");
		rclone(config, "sync", "remote:baum", back.toString());
		rclone(config, "check", local.toString(), "remote:baum");
		Map<String, String> sent = digests(local);
		assertThat(digests(back)).hasSize(FILES).isEqualTo(sent);
		System.out.printf("rclone round trip: %d files, %d bytes, %.1f s%n", sent.size(), bytes(local),
				(System.nanoTime() - start) / 1e9);

		// another length: without settable modification times rclone compares sizes only
		String changed = tree.get(2);
		String deleted = tree.get(3);
		Files.writeString(local.resolve(changed), "Die Lösung ist jetzt länger als vorher.", StandardCharsets.UTF_8);
		Files.delete(local.resolve(deleted));
		rclone(config, "sync", local.toString(), "remote:baum");
		rclone(config, "check", local.toString(), "remote:baum");
		Path again = Files.createDirectories(temp.resolve("nochmal"));
		rclone(config, "sync", "remote:baum", again.toString());
		assertThat(digests(again)).hasSize(FILES - 1).isEqualTo(digests(local)).doesNotContainKey(deleted)
			.containsKey(changed);
		// rclone about reads RFC 4331's quota properties
		assertThat(rclone(config, "about", "--json", "remote:")).contains("\"used\"").contains("\"free\"");
	}

	/**
	 * 500 files in folders up to three deep: empty ones, a few bytes, some of 100 KB and one of 5 MB,
	 * named with umlauts and spaces. Answers their relative paths in the order written.
	 */
	private static List<String> writeTree(Path root) throws IOException {
		Random random = new Random(4918);
		String[] classes = { "Klasse 5a", "Klasse 6b", "Oberstufe" };
		String[] subjects = { "Übungen", "Arbeitsblätter", "Prüfungen/Entwürfe", "Größen und Maße" };
		List<String> written = new ArrayList<>();
		for (int n = 0; n < FILES - 1; n++) {
			String dir = classes[n % classes.length] + "/" + subjects[(n / classes.length) % subjects.length];
			String name = dir + "/" + (n % 7 == 0 ? "Schöne Grüße " : "Aufgabe ") + n + ".txt";
			byte[] content = switch (n % 25) {
				case 0 -> new byte[0];
				case 1 -> new byte[100 * 1024];
				default -> ("Aufgabe " + n + ": Wie viel ist " + n + " mal " + n + "?\n").getBytes(StandardCharsets.UTF_8);
			};
			if (content.length > 1000) {
				random.nextBytes(content);
			}
			written.add(write(root, name, content));
		}
		byte[] film = new byte[5 * 1024 * 1024];
		random.nextBytes(film);
		written.add(write(root, "Oberstufe/Projektfilm groß.bin", film));
		return written;
	}

	private static String write(Path root, String name, byte[] content) throws IOException {
		Path file = root.resolve(name);
		Files.createDirectories(file.getParent());
		Files.write(file, content);
		return name;
	}

	/** Each file's path relative to the root, with '/' between folders, to its SHA-256. */
	private static Map<String, String> digests(Path root) throws Exception {
		Map<String, String> digests = new TreeMap<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
				digests.put(root.relativize(file).toString().replace(File.separatorChar, '/'), HexFormat.of().formatHex(hash));
			}
		}
		return digests;
	}

	private static long bytes(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
		}
	}

	/** Runs rclone with this config file, failing on a non-zero exit or after two minutes; answers its standard output. */
	private String rclone(Path config, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("rclone", "--config", config.toString()));
		command.addAll(List.of(args));
		if (args[0].equals("sync") || args[0].equals("check")) {
			// vendor other sets no modification time, so sizes decide; said once here for every sync and check
			command.addAll(List.of("--size-only", "--low-level-retries", "1", "--retries", "1"));
		}
		Path out = Files.createTempFile(temp, "rclone", ".out");
		Path err = Files.createTempFile(temp, "rclone", ".err");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		boolean finished = process.waitFor(2, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
		}
		String stderr = Files.readString(err, StandardCharsets.UTF_8);
		assertThat(finished).as("rclone %s finished in time:%n%s", String.join(" ", args), stderr).isTrue();
		assertThat(process.exitValue()).as("rclone %s exit code:%n%s", String.join(" ", args), stderr).isZero();
		return Files.readString(out, StandardCharsets.UTF_8);
	}

}
