package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.security.AccountUserDetailsService;

/**
 * GNOME's gvfs, the WebDAV client of the Files app (Nautilus), driven by {@code gio} on a D-Bus session
 * of its own: mount with the app password, folders, uploads, listing, rename, move, an overwrite the
 * server refuses because someone changed the file meanwhile, download, removal. A second client checks
 * each step over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class GvfsTests {

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
	void theFilesAppMountsAndWorksOnAPersonsOwnFiles() throws Exception {
		requireGvfs();
		var teacher = DavClients.Teacher.of(mvc, credentials, users, "Gvfs-Schule", "Gisela", "Gnome");
		var http = new DavClients.Http(port, teacher);
		String mountRoot = "dav://127.0.0.1:" + port + "/dav/files/" + teacher.login();
		String dav = mountRoot + "/";
		byte[] film = new byte[5 * 1024 * 1024];
		new Random(42).nextBytes(film);
		Path local = Files.createDirectories(temp.resolve("hier"));
		Path filmFile = Files.write(local.resolve("film.bin"), film);
		Path empty = Files.write(local.resolve("leer.txt"), new byte[0]);
		Path greeting = Files.writeString(local.resolve("Schöne Grüße.txt"), "Liebe Klasse 5a,\nbis Montag!\n");

		try (GioSession gnome = GioSession.start(Files.createDirectories(temp.resolve("gnome")))) {
			GioSession.Run refused = gnome.gio(teacher.login() + "\nfalsch-falsch-falsch\n", "mount", dav);
			assertThat(refused.exit()).as("a wrong app password does not mount").isNotZero();
			assertThat(gnome.gio(null, "mount", "-l").out()).doesNotContain(mountRoot);

			gnome.gio(teacher.login() + "\n" + teacher.appPassword() + "\n", "mount", dav).succeeded("gio mount");
			// gvfs climbs with OPTIONS while the parent speaks DAV and mounts the highest such folder: /dav/files/ must not
			assertThat(gnome.gio(null, "mount", "-l").out()).contains("-> " + mountRoot + "\n");

			gnome.gio(null, "mkdir", dav + "Unterricht").succeeded("gio mkdir");
			gnome.gio(null, "mkdir", dav + encode("Ordner Ä")).succeeded("gio mkdir with an umlaut");
			assertThat(http.propfind("")).contains("Unterricht/</D:href>").contains("Ordner%20%C3%84/</D:href>");

			gnome.gio(null, "copy", filmFile.toUri().toASCIIString(), empty.toUri().toASCIIString(), dav + "Unterricht/")
				.succeeded("gio copy up");
			gnome.gio(null, "copy", greeting.toUri().toASCIIString(), dav).succeeded("gio copy up a name with umlauts and spaces");
			assertThat(http.send("GET", "Unterricht/film.bin", null).body()).isEqualTo(film);
			assertThat(http.send("GET", "Unterricht/leer.txt", null).body()).isEmpty();
			assertThat(http.send("GET", encode("Schöne Grüße.txt"), null).body()).isEqualTo(Files.readAllBytes(greeting));

			assertThat(gnome.gio(null, "list", "-l", dav).succeeded("gio list").out()).contains("Unterricht\t0\t(directory)\n",
					"Ordner Ä\t0\t(directory)\n", "Schöne Grüße.txt\t" + Files.size(greeting) + "\t(regular)\n");
			assertThat(gnome.gio(null, "list", "-l", dav + "Unterricht/").out().lines())
				.containsExactlyInAnyOrder("film.bin\t" + film.length + "\t(regular)", "leer.txt\t0\t(regular)");

			HttpResponse<byte[]> head = http.send("HEAD", "Unterricht/film.bin", null);
			String info = gnome.gio(null, "info", dav + "Unterricht/film.bin").succeeded("gio info").out();
			assertThat(info).contains("standard::size: " + film.length + "\n", "etag::value: " + head.headers().firstValue("ETag").orElseThrow());
			Instant modified = ZonedDateTime.parse(head.headers().firstValue("Last-Modified").orElseThrow(),
					DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			assertThat(attribute(info, "time::modified")).isEqualTo(String.valueOf(modified.getEpochSecond()));
			assertThat(modified).isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));
			// the person's quota as the free space the Files app shows
			String fs = gnome.gio(null, "info", "-f", dav).succeeded("gio info -f").out();
			assertThat(Long.parseLong(attribute(fs, "filesystem::used"))).isGreaterThanOrEqualTo(film.length);
			assertThat(Long.parseLong(attribute(fs, "filesystem::free"))).isPositive();

			assertThat(gnome.rename(dav + "Unterricht/film.bin", "Projektfilm groß.bin").succeeded("gio rename").out())
				.contains("Rename successful");
			assertThat(http.send("GET", "Unterricht/film.bin", null).statusCode()).isEqualTo(404);
			assertThat(http.send("GET", "Unterricht/" + encode("Projektfilm groß.bin"), null).body()).isEqualTo(film);
			// a rename onto a taken name is refused (Overwrite: F), nothing is replaced
			GioSession.Run taken = gnome.rename(dav + "Unterricht/leer.txt", "Projektfilm groß.bin");
			assertThat(taken.exit()).isNotZero();
			assertThat(taken.err()).contains("already exists");
			assertThat(http.send("GET", "Unterricht/" + encode("Projektfilm groß.bin"), null).body()).isEqualTo(film);

			String moved = encode("Ordner Ä") + "/" + encode("Schöne Grüße.txt");
			gnome.gio(null, "move", dav + encode("Schöne Grüße.txt"), dav + encode("Ordner Ä") + "/").succeeded("gio move");
			assertThat(http.send("GET", encode("Schöne Grüße.txt"), null).statusCode()).isEqualTo(404);
			assertThat(http.send("GET", moved, null).body()).isEqualTo(Files.readAllBytes(greeting));

			// gvfs asks with HEAD and If-Match whether its copy is current before it overwrites
			String etag = attribute(gnome.gio(null, "info", "-a", "etag::value", dav + moved).out(), "etag::value");
			http.send("PUT", moved, "Ein anderer war schneller.".getBytes(StandardCharsets.UTF_8));
			GioSession.Run stale = gnome.gio("Mein Text\n", "save", "--etag", etag, dav + moved);
			assertThat(stale.exit()).isNotZero();
			assertThat(stale.err()).contains("externally modified");
			assertThat(new String(http.send("GET", moved, null).body(), StandardCharsets.UTF_8)).isEqualTo("Ein anderer war schneller.");
			String current = attribute(gnome.gio(null, "info", "-a", "etag::value", dav + moved).out(), "etag::value");
			gnome.gio("Mein Text\n", "save", "--etag", current, dav + moved).succeeded("gio save with the current etag");
			assertThat(new String(http.send("GET", moved, null).body(), StandardCharsets.UTF_8)).isEqualTo("Mein Text\n");

			Path back = local.resolve("zurück.bin");
			gnome.gio(null, "copy", dav + "Unterricht/" + encode("Projektfilm groß.bin"), back.toUri().toASCIIString())
				.succeeded("gio copy down");
			assertThat(Files.readAllBytes(back)).isEqualTo(film);

			GioSession.Run notEmpty = gnome.gio(null, "remove", dav + encode("Ordner Ä"));
			assertThat(notEmpty.exit()).isNotZero();
			assertThat(notEmpty.err()).contains("not empty");
			assertThat(http.send("GET", moved, null).statusCode()).isEqualTo(200);
			gnome.gio(null, "remove", dav + moved).succeeded("gio remove a file");
			gnome.gio(null, "remove", dav + encode("Ordner Ä")).succeeded("gio remove an empty folder");
			assertThat(http.send("GET", moved, null).statusCode()).isEqualTo(404);
			assertThat(http.propfind("")).doesNotContain("Ordner").doesNotContain("Sch%C3%B6ne").contains("Unterricht/</D:href>");

			gnome.gio(null, "mount", "-u", dav).succeeded("gio mount -u");
			assertThat(gnome.gio(null, "mount", "-l").out()).doesNotContain(mountRoot);
		}
	}

	@Test
	void aSharedSpaceMountsWithTheListOfSpacesAsItsRoot() throws Exception {
		requireGvfs();
		var teacher = DavClients.Teacher.of(mvc, credentials, users, "Gvfs-Raum-Schule", "Greta", "Gnome");
		String spaces = "dav://127.0.0.1:" + port + "/dav/spaces";
		Path plan = Files.writeString(temp.resolve("Vertretungsplan.txt"), "3. Stunde fällt aus", StandardCharsets.UTF_8);
		try (GioSession gnome = GioSession.start(Files.createDirectories(temp.resolve("gnome")))) {
			gnome.gio(teacher.login() + "\n" + teacher.appPassword() + "\n", "mount", spaces + "/Schule/").succeeded("gio mount");
			// /dav/spaces/ speaks WebDAV too, so gvfs climbs there: the Files app opens the school's space in the list of all
			assertThat(gnome.gio(null, "mount", "-l").out()).contains("-> " + spaces + "\n");
			assertThat(gnome.gio(null, "list", spaces + "/").succeeded("gio list").out().lines()).contains("Schule");
			gnome.gio(null, "copy", plan.toUri().toASCIIString(), spaces + "/Schule/").succeeded("gio copy into the school's space");
			MockHttpServletResponse copied = mvc.perform(get("/dav/spaces/Schule/Vertretungsplan.txt")
				.with(httpBasic(teacher.login(), teacher.appPassword()))).andReturn().getResponse();
			assertThat(copied.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("3. Stunde fällt aus");
			gnome.gio(null, "mount", "-u", spaces + "/").succeeded("gio mount -u");
		}
	}

	private static void requireGvfs() {
		DavClients.requireInstalled("gio");
		DavClients.requireInstalled("dbus-daemon");
		DavClients.requireInstalledAt("gvfsd-dav", "/usr/libexec/gvfsd-dav", "/usr/lib/gvfs/gvfsd-dav");
		DavClients.requireInstalledAt("gvfs's GIO module", "/usr/lib/x86_64-linux-gnu/gio/modules/libgvfsdbus.so",
				"/usr/lib/aarch64-linux-gnu/gio/modules/libgvfsdbus.so", "/usr/lib64/gio/modules/libgvfsdbus.so");
	}

	/** A name as one percent-encoded path segment, the way gvfs writes it into URIs. */
	private static String encode(String name) {
		return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** The value of one {@code name: value} line of what {@code gio info} prints. */
	private static String attribute(String info, String name) {
		Matcher line = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + ": (.*)$").matcher(info);
		assertThat(line.find()).as("%s in:%n%s", name, info).isTrue();
		return line.group(1).strip();
	}
}
