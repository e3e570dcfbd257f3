package de.schulhaus.files.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/**
 * What macOS Finder (its WebDAVFS client) sends when it mounts a folder and a file is dragged into it, replayed over
 * HTTP on a real port since there is no Mac here: the quota asked at mounting, a LOCK on the name before the first
 * PUT (RFC 4918 7.3: an empty file is made), the content chunked with the size in {@code X-Expected-Entity-Length}
 * and the lock token in If, the AppleDouble {@code ._} file and {@code .DS_Store} beside it, then UNLOCK.
 * The order follows SabreDAV's and Nextcloud's notes and the traces in their issues.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class FinderPatternTests {

	static final String AGENT = "WebDAVFS/3.0.0 (03008000) Darwin/23.4.0 (arm64)";

	static final String LOCKINFO = """
			<?xml version="1.0" encoding="utf-8" ?>
			<D:lockinfo xmlns:D="DAV:">
			<D:lockscope><D:exclusive/></D:lockscope>
			<D:locktype><D:write/></D:locktype>
			<D:owner>
			<D:href>http://www.apple.com/webdav_fs/</D:href>
			</D:owner>
			</D:lockinfo>""";

	/** What WebDAVFS asks of the mounted folder (statfs): the free space among the usual properties. */
	static final String MOUNT_PROPFIND = """
			<?xml version="1.0" encoding="utf-8"?>
			<D:propfind xmlns:D="DAV:">
			<D:prop>
			<D:getlastmodified/>
			<D:getcontentlength/>
			<D:creationdate/>
			<D:resourcetype/>
			<D:quota-available-bytes/>
			<D:quota-used-bytes/>
			</D:prop>
			</D:propfind>""";

	private static final Pattern AVAILABLE = Pattern.compile("<D:quota-available-bytes>(\\d+)</D:quota-available-bytes>");
	private static final Pattern USED = Pattern.compile("<D:quota-used-bytes>(\\d+)</D:quota-used-bytes>");
	private static final long MB = 1024 * 1024;

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	StorageQuotas quotas;

	DavClients.Teacher teacher;

	@BeforeEach
	void teacherWithAppPassword() throws Exception {
		teacher = DavClients.Teacher.of(mvc, credentials, users, "Apfel-Schule", "Frida", "Finder");
	}

	@Test
	void aFileDraggedIntoAMountedFolderArrivesWithItsAppleDoubleAndDsStore() throws Exception {
		// mounting: OPTIONS, then the root's properties with the quota Finder shows as free space
		HttpResponse<String> options = send("OPTIONS", "", null);
		assertThat(options.statusCode()).isEqualTo(200);
		assertThat(options.headers().firstValue("DAV").orElseThrow()).startsWith("1, 2");
		String mounted = send("PROPFIND", "", fixed(MOUNT_PROPFIND), "Depth", "0").body();
		long availableBefore = number(AVAILABLE, mounted);
		assertThat(availableBefore).isEqualTo(5120 * MB);
		assertThat(number(USED, mounted)).isZero();

		assertThat(send("MKCOL", "Elternabend/", null).statusCode()).isEqualTo(201);
		byte[] pdf = random(700_000, 1);
		byte[] appleDouble = appleDouble();
		byte[] dsStore = random(6148, 2);

		// the name is looked up, then locked before it exists: an empty file holds the place
		assertThat(send("PROPFIND", "Elternabend/Einladung.pdf", fixed(MOUNT_PROPFIND), "Depth", "0").statusCode()).isEqualTo(404);
		HttpResponse<String> lock = send("LOCK", "Elternabend/Einladung.pdf", fixed(LOCKINFO), "Depth", "0", "Timeout", "Second-600");
		assertThat(lock.statusCode()).isEqualTo(201);
		String token = lock.headers().firstValue("Lock-Token").orElseThrow().replaceAll("^<|>$", "");
		assertThat(lock.body()).contains("http://www.apple.com/webdav_fs/</D:href>").contains("<D:depth>0</D:depth>");
		String placeholder = send("PROPFIND", "Elternabend/Einladung.pdf", fixed(MOUNT_PROPFIND), "Depth", "0").body();
		assertThat(placeholder).contains("<D:getcontentlength>0</D:getcontentlength>");

		// the content, chunked, its size announced, with the lock's token
		HttpResponse<String> put = send("PUT", "Elternabend/Einladung.pdf", chunked(pdf), "X-Expected-Entity-Length",
				String.valueOf(pdf.length), "If", "(<" + token + ">)", "Content-Type", "application/pdf");
		assertThat(put.statusCode()).isEqualTo(204);
		// the AppleDouble file (extended attributes, Finder's tags) and the folder's view settings, stored like any file
		assertThat(send("PROPFIND", "Elternabend/._Einladung.pdf", fixed(MOUNT_PROPFIND), "Depth", "0").statusCode()).isEqualTo(404);
		assertThat(send("PUT", "Elternabend/._Einladung.pdf", chunked(appleDouble), "X-Expected-Entity-Length",
				String.valueOf(appleDouble.length)).statusCode()).isEqualTo(201);
		assertThat(send("PUT", "Elternabend/.DS_Store", chunked(dsStore), "X-Expected-Entity-Length", String.valueOf(dsStore.length))
			.statusCode()).isEqualTo(201);
		assertThat(send("UNLOCK", "Elternabend/Einladung.pdf", null, "Lock-Token", "<" + token + ">").statusCode()).isEqualTo(204);

		// what any client then finds: the same bytes, three files, the quota counting them
		assertThat(bytes("Elternabend/Einladung.pdf")).isEqualTo(pdf);
		assertThat(bytes("Elternabend/._Einladung.pdf")).isEqualTo(appleDouble);
		assertThat(bytes("Elternabend/.DS_Store")).isEqualTo(dsStore);
		String listing = send("PROPFIND", "Elternabend/", fixed(MOUNT_PROPFIND), "Depth", "1").body();
		assertThat(listing).contains("Elternabend/Einladung.pdf</D:href>").contains("Elternabend/._Einladung.pdf</D:href>")
			.contains("Elternabend/.DS_Store</D:href>").contains("<D:getcontentlength>" + pdf.length + "</D:getcontentlength>");
		String after = send("PROPFIND", "", fixed(MOUNT_PROPFIND), "Depth", "0").body();
		long stored = pdf.length + appleDouble.length + dsStore.length;
		assertThat(number(USED, after)).isEqualTo(stored);
		assertThat(number(AVAILABLE, after)).isEqualTo(availableBefore - stored);
	}

	@Test
	void theAnnouncedSizeIsCheckedAgainstTheQuotaBeforeTheBytesCome() throws Exception {
		SchulhausUser person = users.load(teacher.login()).orElseThrow();
		quotas.setPersonal(person.schoolId(), person.accountId(), 1L, null, person);
		assertThat(number(AVAILABLE, send("PROPFIND", "", fixed(MOUNT_PROPFIND), "Depth", "0").body())).isEqualTo(MB);

		// only the first chunk of 3 MB goes out, then the answer is awaited: it comes without the rest
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("PUT /dav/files/" + teacher.login() + "/Film.mov HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUser-Agent: " + AGENT
					+ "\r\nAuthorization: " + basic() + "\r\nTransfer-Encoding: chunked\r\nX-Expected-Entity-Length: " + 3 * MB
					+ "\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(("10000\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[0x10000]);
			out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String status = statusLine(socket.getInputStream());
			assertThat(status).startsWith("HTTP/1.1 507");
		}
		assertThat(send("GET", "Film.mov", null).statusCode()).as("nothing left behind").isEqualTo(404);
		assertThat(quotas.usageOfPerson(person.schoolId(), person.accountId()).usedBytes()).isZero();

		// a chunked body without the header is counted as it comes, and refused as cleanly
		assertThat(send("PUT", "Film.mov", chunked(new byte[(int) (1.5 * MB)])).statusCode()).isEqualTo(507);
		assertThat(send("GET", "Film.mov", null).statusCode()).isEqualTo(404);
		// what fits goes in
		byte[] clip = random(300_000, 3);
		assertThat(send("PUT", "Clip.mov", chunked(clip), "X-Expected-Entity-Length", String.valueOf(clip.length)).statusCode())
			.isEqualTo(201);
		assertThat(bytes("Clip.mov")).isEqualTo(clip);
	}

	@Test
	void anAnnouncedBodyThatNeverArrivesLeavesNoEmptyFile() throws Exception {
		// a proxy that drops chunked bodies: Finder believes the copy worked, so the server must not
		HttpResponse<String> lost = send("PUT", "Zeugnisse.pdf", chunked(new byte[0]), "X-Expected-Entity-Length", "48213");
		assertThat(lost.statusCode()).isEqualTo(400);
		assertThat(lost.body()).contains("X-Expected-Entity-Length");
		assertThat(send("GET", "Zeugnisse.pdf", null).statusCode()).isEqualTo(404);
		// an empty file announced as empty is fine
		assertThat(send("PUT", "leer.txt", chunked(new byte[0]), "X-Expected-Entity-Length", "0").statusCode()).isEqualTo(201);
		assertThat(bytes("leer.txt")).isEmpty();
	}

	private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).header("User-Agent", AGENT)
			.header("Authorization", basic())
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
		if (headers.length > 0) {
			request.headers(headers);
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private byte[] bytes(String path) throws Exception {
		HttpResponse<byte[]> got = CLIENT.send(HttpRequest.newBuilder(URI.create(url() + path)).header("User-Agent", AGENT)
			.header("Authorization", basic()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(got.statusCode()).as("GET %s", path).isEqualTo(200);
		return got.body();
	}

	/** A body of unknown length: HTTP/1.1 sends it chunked, as Finder does. */
	private static HttpRequest.BodyPublisher chunked(byte[] content) {
		return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content));
	}

	private static HttpRequest.BodyPublisher fixed(String xml) {
		return HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8);
	}

	private String url() {
		return "http://127.0.0.1:" + port + "/dav/files/" + teacher.login() + "/";
	}

	private String basic() {
		return "Basic " + Base64.getEncoder().encodeToString((teacher.login() + ":" + teacher.appPassword()).getBytes(StandardCharsets.UTF_8));
	}

	private static long number(Pattern pattern, String xml) {
		Matcher m = pattern.matcher(xml);
		assertThat(m.find()).as(xml).isTrue();
		return Long.parseLong(m.group(1));
	}

	private static String statusLine(InputStream in) throws Exception {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	/** The start of an AppleDouble file (magic 0x00051607, version 2), as macOS writes beside a file it copies. */
	private static byte[] appleDouble() {
		byte[] content = random(4096, 4);
		byte[] header = { 0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00 };
		System.arraycopy(header, 0, content, 0, header.length);
		Arrays.fill(content, 8, 24, (byte) 0);
		return content;
	}

	private static byte[] random(int size, long seed) {
		byte[] content = new byte[size];
		new Random(seed).nextBytes(content);
		return content;
	}
}
