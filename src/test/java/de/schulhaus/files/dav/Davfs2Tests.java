package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * davfs2 mounts a teacher's own files as a FUSE file system; plain file operations on the mount, and
 * after the unmount (which uploads what is left) a second client finds each outcome over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class Davfs2Tests {

	/**
	 * What mount.davfs says when the server did not let it in (an HTTP error, a rejected password, no
	 * answer); the kernel's refusal is "mounting failed" in lower case, an environment this test skips.
	 */
	private static final String SERVER_REFUSED = "Mounting failed.";

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
	void fileOperationsOnTheMountReachTheServer() throws Exception {
		DavClients.requireInstalled("mount.davfs");
		assumeTrue(Files.exists(Path.of("/dev/fuse")), "no /dev/fuse");
		var teacher = DavClients.Teacher.of(mvc, credentials, users, "Davfs-Schule", "Dora", "Davfs");
		var http = new DavClients.Http(port, teacher);
		Path mount = Files.createDirectories(temp.resolve("mnt"));
		Path config = configure(http);
		byte[] film = new byte[5 * 1024 * 1024];
		new Random(5).nextBytes(film);

		String said = mount(http, config, mount);
		try {
			assertThat(said).as("davfs2 reached the server").doesNotContain("mounting anyway");
			Path folder = Files.createDirectory(mount.resolve("Unterricht"));
			Path written = Files.write(folder.resolve("Film.bin"), film);
			Files.writeString(folder.resolve("Notiz.txt"), "Morgen Wandertag", StandardCharsets.UTF_8);
			assertThat(names(folder)).containsExactlyInAnyOrder("Film.bin", "Notiz.txt");
			assertThat(Files.readAllBytes(written)).isEqualTo(film);
			try (OutputStream open = Files.newOutputStream(folder.resolve("Notiz.txt"))) {
				open.write("Wandertag fällt aus".getBytes(StandardCharsets.UTF_8));
				// davfs2 locks a file while it is open for writing: another client must not change it meanwhile
				assertThat(http.send("PUT", "Unterricht/Notiz.txt", "dazwischen".getBytes(StandardCharsets.UTF_8)).statusCode())
					.isEqualTo(423);
			}
			Files.move(written, folder.resolve("Projektfilm groß.bin"));
			Files.delete(folder.resolve("Notiz.txt"));
			assertThat(names(folder)).containsExactly("Projektfilm groß.bin");
		}
		finally {
			unmount(mount);
		}

		assertThat(http.send("GET", "Unterricht/Projektfilm%20gro%C3%9F.bin", null).body()).isEqualTo(film);
		assertThat(http.send("GET", "Unterricht/Film.bin", null).statusCode()).isEqualTo(404);
		assertThat(http.send("GET", "Unterricht/Notiz.txt", null).statusCode()).isEqualTo(404);
		String listing = http.propfind("Unterricht/");
		assertThat(listing.split("<D:response>", -1)).as(listing).hasSize(3);
		assertThat(listing).contains("<D:getcontentlength>" + film.length + "</D:getcontentlength>").doesNotContain("activelock");
	}

	/**
	 * A davfs2.conf of this test's own: credentials from a secrets file only root reads, a cache the
	 * davfs2 user (mount.davfs drops root for it) may write, uploads as soon as a file is closed, locks on.
	 * Since Linux 6.16 davfs2's default 16 KiB FUSE buffer makes every readdir fail with EINVAL
	 * (alisarctl/davfs2#22); 64 KiB is the known workaround and harmless on older kernels.
	 */
	private Path configure(DavClients.Http http) throws Exception {
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
		Path cache = Files.createDirectories(temp.resolve("cache"));
		Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
		Path secrets = Files.createFile(temp.resolve("secrets"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(secrets, "%s \"%s\" \"%s\"%n".formatted(http.url(), http.teacher().login(), http.teacher().appPassword()));
		return Files.writeString(temp.resolve("davfs2.conf"), """
				secrets %s
				cache_dir %s
				ask_auth 0
				delay_upload 0
				use_locks 1
				buf_size 64
				""".formatted(secrets, cache));
	}

	/** Mounts and answers what mount.davfs said, or skips when the machine cannot (no root, no FUSE); the server's refusal fails. */
	private String mount(DavClients.Http http, Path config, Path mount) throws Exception {
		Run run = run("mount", "-t", "davfs", http.url(), mount.toString(), "-o", "conf=" + config + ",uid=0,gid=0");
		if (run.exit() != 0) {
			assertThat(run.output()).as("the server refused the mount").doesNotContain(SERVER_REFUSED);
			assumeTrue(false, "davfs2 cannot mount here: " + run.output());
		}
		return run.output();
	}

	/** umount.davfs waits for mount.davfs to upload what is pending and end; a lazy unmount is the fallback so nothing stays mounted. */
	private void unmount(Path mount) throws Exception {
		Run run = null;
		try {
			run = run("umount", mount.toString());
		}
		finally {
			if (run == null || run.exit() != 0) {
				new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor(1, TimeUnit.MINUTES);
			}
		}
		assertThat(run.exit()).as("umount:%n%s", run.output()).isZero();
	}

	private static List<String> names(Path folder) throws Exception {
		List<String> names = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			files.forEach(f -> names.add(f.getFileName().toString()));
		}
		return names;
	}

	private record Run(int exit, String output) {
	}

	private Run run(String... command) throws Exception {
		Path out = Files.createTempFile(temp, "davfs2", ".out");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
		boolean finished = process.waitFor(2, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
			process.waitFor();
		}
		String output = Files.readString(out, StandardCharsets.UTF_8);
		assertThat(finished).as("%s finished in time:%n%s", String.join(" ", command), output).isTrue();
		return new Run(process.exitValue(), output);
	}

}
