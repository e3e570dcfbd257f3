package de.schulhaus.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/** Sharing with people and groups of the school, and links for people without an account. */
@IntegrationTest
class SharesAndLinksTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Spaces spaces;

	@Autowired
	Shares shares;

	@Autowired
	Links links;

	@Autowired
	GroupManagement groups;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	SchulhausUser teacher;
	SchulhausUser pupil;
	SchulhausUser classmate;
	SchulhausUser admin;
	SchulhausUser foreigner;
	Group seven;

	@BeforeEach
	void people() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Teil-Schule");
		teacher = user(t.createUser(school, "Theo", "Teiler", "TEACHER", "Kompass-Laterne-Quitte-2026", null));
		pupil = user(t.createUser(school, "Pia", "Pult", "PUPIL", "Kompass-Laterne-Quitte-2027", "8a"));
		classmate = user(t.createUser(school, "Karl", "Kreide", "PUPIL", "Kompass-Laterne-Quitte-2028", "8a"));
		admin = user(t.createUser(school, "Alma", "Admin", "SCHOOL_ADMIN", "Kompass-Laterne-Quitte-2029", null));
		foreigner = user(t.createUser(t.createSchool("Andere-Schule"), "Fritz", "Fremd", "PUPIL", "Kompass-Laterne-Quitte-2030", null));
		seven = groups.list(school.id()).stream().filter(g -> g.name().equals("8a")).findFirst().orElseThrow();
		SpaceFiles own = spaces.open(spaces.personal(teacher));
		own.createCollection(path("Physik"));
		put(own, path("Physik", "Versuch.txt"), "Pendel");
	}

	@Test
	void aFolderSharedWithAPupilToReadAndWithTheClassToChange() {
		SpaceFiles own = spaces.open(spaces.personal(teacher));
		Shares.Share share = shares.share(own, path("Physik"), Shares.GranteeKind.PERSON, pupil.accountId(), false, teacher);

		Space shared = single(shares.sharedWith(pupil));
		assertThat(shared.name()).isEqualTo("Physik");
		SpaceFiles seen = spaces.open(spaces.find(pupil, shared.key()).orElseThrow());
		assertThat(seen.children(seen.find(DavPath.ROOT).orElseThrow())).extracting(r -> r.path().name()).containsExactly("Versuch.txt");
		assertThatThrownBy(() -> put(seen, path("Meins.txt"), "x")).isInstanceOfSatisfying(DavException.class, e -> assertThat(e.status()).isEqualTo(403));
		assertThat(shares.sharedWith(classmate)).isEmpty();
		// the trash of the teacher's space is not the pupil's business
		assertThatThrownBy(seen::trash).isInstanceOf(DavException.class);

		shares.share(own, path("Physik"), Shares.GranteeKind.GROUP, seven.id(), true, teacher);
		SpaceFiles classmates = spaces.open(single(shares.sharedWith(classmate)));
		put(classmates, path("Messung.txt"), "2,0 s");
		assertThat(read(spaces.open(spaces.personal(teacher)), path("Physik", "Messung.txt"))).isEqualTo("2,0 s");
		// shared twice (herself, her class): once, with the wider right
		assertThat(single(shares.sharedWith(pupil)).writable()).isTrue();
		assertThatThrownBy(() -> classmates.delete(classmates.find(DavPath.ROOT).orElseThrow())).isInstanceOf(DavException.class);

		// in the trash it is shared no more; back from the trash it is again
		own.delete(own.find(path("Physik")).orElseThrow());
		assertThat(shares.sharedWith(pupil)).isEmpty();
		assertThat(spaces.find(pupil, shared.key())).isEmpty();
		spaces.open(spaces.personal(teacher)).restore(spaces.open(spaces.personal(teacher)).trash().get(0).id());
		assertThat(shares.sharedWith(pupil)).hasSize(1);

		shares.unshare(spaces.open(spaces.personal(teacher)), share.id(), teacher);
		assertThat(shares.sharesOf(spaces.open(spaces.personal(teacher)), path("Physik"))).hasSize(1);
	}

	@Test
	void nobodyOfAnotherSchoolCanBeSharedWithAndNobodyElseEndsAShare() {
		SpaceFiles own = spaces.open(spaces.personal(teacher));
		assertThatThrownBy(() -> shares.share(own, path("Physik"), Shares.GranteeKind.PERSON, foreigner.accountId(), false, teacher))
			.isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> shares.share(own, path("Physik"), Shares.GranteeKind.GROUP, UUID.randomUUID(), false, teacher))
			.isInstanceOf(NotFoundException.class);
		Shares.Share share = shares.share(own, path("Physik"), Shares.GranteeKind.PERSON, pupil.accountId(), false, teacher);
		assertThatThrownBy(() -> shares.unshare(spaces.open(spaces.personal(pupil)), share.id(), pupil)).isInstanceOf(NotFoundException.class);
		assertThat(shares.sharedWith(foreigner)).isEmpty();
	}

	@Test
	void aDownloadLinkWithPasswordAndDownloadLimit() throws Exception {
		SpaceFiles own = spaces.open(spaces.personal(teacher));
		Links.Link link = links.create(own, path("Physik"), false, "Pendel-2026", null, 2, teacher);
		String page = "/s/" + link.token();
		MockHttpSession session = new MockHttpSession();

		assertThat(html(get(page).session(session).cookie(cookies()))).contains("Passwort").doesNotContain("Versuch.txt");
		assertThat(mvc.perform(get(page + "/datei").param("pfad", "Versuch.txt").session(session).cookie(cookies())).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		assertThat(html(post(page).param("password", "falsch-falsch").session(session).cookie(cookies()).with(csrf()))).contains("stimmt nicht");
		MockHttpServletResponse unlocked = mvc.perform(post(page).param("password", "Pendel-2026").session(session).cookie(cookies()).with(csrf())).andReturn()
			.getResponse();
		assertThat(unlocked.getRedirectedUrl()).isEqualTo(page);
		// the session may live in a cookie of its own (Spring Session): carry it like a browser
		if (unlocked.getCookie("SCHULHAUS_SESSION") != null) {
			cookie = unlocked.getCookie("SCHULHAUS_SESSION");
		}
		assertThat(html(get(page).session(session).cookie(cookies()))).contains("Versuch.txt");

		MockHttpServletResponse file = mvc.perform(get(page + "/datei").param("pfad", "Versuch.txt").session(session).cookie(cookies())).andReturn().getResponse();
		assertThat(file.getContentAsString()).isEqualTo("Pendel");
		assertThat(file.getHeader("Content-Disposition")).contains("attachment").contains("Versuch.txt");
		MockHttpServletResponse zip = mvc.perform(get(page + "/zip").session(session).cookie(cookies())).andReturn().getResponse();
		assertThat(entries(zip.getContentAsByteArray())).containsExactly("Physik/", "Physik/Versuch.txt=Pendel");
		// two downloads were allowed: the link is used up
		assertThat(mvc.perform(get(page).session(session).cookie(cookies())).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get(page + "/datei").param("pfad", "../Physik/Versuch.txt").session(session).cookie(cookies())).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void anExpiredOrUnknownLinkIsNotFoundAndPupilsMakeLinksOnlyWhereTheSchoolAllows() throws Exception {
		SpaceFiles own = spaces.open(spaces.personal(teacher));
		Links.Link link = links.create(own, path("Physik", "Versuch.txt"), false, null, LocalDate.now(java.time.ZoneId.of("Europe/Berlin")), null, teacher);
		assertThat(mvc.perform(get("/s/" + link.token())).andReturn().getResponse().getContentAsString()).contains("Versuch.txt");
		jdbc.sql("update file_link set expires_at = :past where id = :id").param("past", Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC))
			.param("id", link.id()).update();
		assertThat(mvc.perform(get("/s/" + link.token())).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/s/AAAAAAAAAAAAAAAAAAAAAAAA")).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThatThrownBy(() -> links.create(own, path("Physik"), false, null, LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).minusDays(2), null, teacher))
			.isInstanceOf(Links.LinkRefused.class);

		SpaceFiles pupils = spaces.open(spaces.personal(pupil));
		put(pupils, path("Referat.txt"), "Bienen");
		assertThat(links.create(pupils, path("Referat.txt"), false, null, null, null, pupil).token()).hasSize(24);
		spaces.setPupilsMayLink(admin, false);
		assertThatThrownBy(() -> links.create(pupils, path("Referat.txt"), false, null, null, null, pupil))
			.isInstanceOfSatisfying(Links.LinkRefused.class, e -> assertThat(e.messageKey()).isEqualTo("files.link.error.pupils"));
		assertThatThrownBy(() -> spaces.setPupilsMayLink(teacher, true)).isInstanceOf(NotFoundException.class);
	}

	@Test
	void anUploadOnlyLinkTakesFilesAndShowsNothing() throws Exception {
		SpaceFiles own = spaces.open(spaces.personal(teacher));
		own.createCollection(path("Abgaben"));
		put(own, path("Abgaben", "Musterloesung.txt"), "geheim");
		Links.Link link = links.create(own, path("Abgaben"), true, null, null, null, teacher);
		String page = "/s/" + link.token();

		String html = html(get(page));
		assertThat(html).contains("link-upload").doesNotContain("Musterloesung");
		MockHttpServletResponse first = mvc.perform(post(page + "/dateien").param("name", "Aufsatz.txt").content("Mein Aufsatz")
			.contentType("text/plain").with(csrf())).andReturn().getResponse();
		assertThat(first.getStatus()).isEqualTo(201);
		MockHttpServletResponse second = mvc.perform(post(page + "/dateien").param("name", "Aufsatz.txt").content("Dein Aufsatz")
			.contentType("text/plain").with(csrf())).andReturn().getResponse();
		assertThat(second.getContentAsString()).contains("Aufsatz (2).txt");
		assertThat(read(spaces.open(spaces.personal(teacher)), path("Abgaben", "Aufsatz.txt"))).isEqualTo("Mein Aufsatz");
		assertThat(read(spaces.open(spaces.personal(teacher)), path("Abgaben", "Aufsatz (2).txt"))).isEqualTo("Dein Aufsatz");
		assertThat(mvc.perform(post(page + "/dateien").param("name", "CON.txt").content("x").with(csrf())).andReturn().getResponse()
			.getStatus()).isEqualTo(400);
		assertThat(mvc.perform(post(page + "/dateien").param("name", "ohne-token.txt").content("x")).andReturn().getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get(page + "/datei").param("pfad", "Musterloesung.txt")).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get(page + "/zip")).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThatThrownBy(() -> links.create(own, path("Abgaben", "Musterloesung.txt"), true, null, null, null, teacher))
			.isInstanceOf(Links.LinkRefused.class);
	}

	jakarta.servlet.http.Cookie cookie;

	private jakarta.servlet.http.Cookie[] cookies() {
		return new jakarta.servlet.http.Cookie[] { cookie != null ? cookie : new jakarta.servlet.http.Cookie("unused", "0") };
	}

	private String html(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static List<String> entries(byte[] zip) throws Exception {
		List<String> names = new ArrayList<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				names.add(entry.isDirectory() ? entry.getName() : entry.getName() + "=" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return names;
	}

	private SchulhausUser user(TestSchools.UserRef ref) {
		return users.load(ref.login()).orElseThrow();
	}

	private static Space single(List<Space> spaces) {
		assertThat(spaces).hasSize(1);
		return spaces.get(0);
	}

	private static DavPath path(String... names) {
		return new DavPath(List.of(names));
	}

	private static void put(SpaceFiles files, DavPath path, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		files.write(path, new ByteArrayInputStream(bytes), "text/plain", bytes.length);
	}

	private static String read(SpaceFiles files, DavPath path) {
		try (var in = files.read(files.find(path).orElseThrow(), 0, Long.MAX_VALUE)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
