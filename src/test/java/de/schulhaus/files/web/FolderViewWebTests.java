package de.schulhaus.files.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/** A folder as a list (the default) or as tiles, the choice remembered for the next page. */
@IntegrationTest
class FolderViewWebTests {

	private static final Pattern TILE = Pattern.compile("<li class=\"file-tile\" data-name=\"([^\"]*)\">(.*?)</li>", Pattern.DOTALL);

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	SchulhausUser teacher;

	@BeforeEach
	void aFolderAPictureAndATextFile() throws Exception {
		var t = new TestSchools(mvc);
		teacher = users.load(t.createUser(t.createSchool("Kachel-Schule"), "Kai", "Kachel", "TEACHER", "Kompass-Laterne-Quitte-2026", null)
			.login()).orElseThrow();
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "png", png);
		upload("/Klassenfoto.png", png.toByteArray(), "image/png");
		upload("/Elternbrief mit einem sehr langen Namen für die Klasse 5a.txt", "Liebe Eltern".getBytes(StandardCharsets.UTF_8), "text/plain");
		mvc.perform(post("/dateien/meine/ordner").param("pfad", "/").param("name", "Ausflug").with(user(teacher)).with(csrf()));
	}

	@Test
	void theListIsTheDefaultAndTilesShowPictureIconsAndTheSameLinks() throws Exception {
		String list = page(get("/dateien/meine"));
		assertThat(list).contains("<table class=\"file-table\">").doesNotContain("class=\"file-tile\"")
			.containsPattern("value=\"liste\" aria-pressed=\"true\"").containsPattern("value=\"kacheln\" aria-pressed=\"false\"");

		MockHttpServletResponse response = mvc.perform(get("/dateien/meine").param("ansicht", "kacheln").with(user(teacher))).andReturn()
			.getResponse();
		String grid = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(grid).doesNotContain("<table class=\"file-table\">").contains("value=\"kacheln\" aria-pressed=\"true\"");
		Map<String, String> tiles = tiles(grid);
		// folders first, then the files by name, as in the list
		assertThat(tiles.keySet()).containsExactly("Ausflug", "Elternbrief mit einem sehr langen Namen für die Klasse 5a.txt", "Klassenfoto.png");

		assertThat(tiles.get("Ausflug")).contains("href=\"/dateien/meine?pfad=/Ausflug\">Ausflug</a>").contains("#folder\"")
			.contains("href=\"/dateien/meine/details?pfad=/Ausflug\"").doesNotContain("<img").doesNotContain(" download=");
		assertThat(tiles.get("Klassenfoto.png"))
			.contains("<img class=\"thumb\" src=\"/dateien/meine/vorschaubild?pfad=/Klassenfoto.png\" alt=\"\" loading=\"lazy\"")
			.contains("href=\"/dateien/meine/download?pfad=/Klassenfoto.png\" download=\"Klassenfoto.png\">Klassenfoto.png</a>")
			.contains("name=\"auswahl\" value=\"Klassenfoto.png\"").contains("aria-label=\"Klassenfoto.png auswählen\"")
			.contains("aria-label=\"Details zu Klassenfoto.png\"");
		String letter = "Elternbrief mit einem sehr langen Namen für die Klasse 5a.txt";
		assertThat(tiles.get(letter)).contains("title=\"" + letter + "\"").contains("#file-type\"").doesNotContain("<img")
			.contains("Text, 12 Byte").contains("download=\"" + letter + "\"");
		// the selection's actions serve the tiles as they serve the rows, and the order can still be changed
		assertThat(grid).contains("formaction=\"/dateien/meine/zip\"").contains("data-select-all")
			.contains("href=\"/dateien/meine?sortierung=groesse\"");

		String cookie = response.getHeader("Set-Cookie");
		assertThat(cookie).startsWith(FolderView.COOKIE + "=kacheln").contains("Path=/dateien").contains("HttpOnly").contains("SameSite=Lax");
		// the next page, largest first, comes as tiles at once
		String remembered = page(get("/dateien/meine").param("sortierung", "groesse").param("absteigend", "true")
			.cookie(new Cookie(FolderView.COOKIE, "kacheln")));
		assertThat(tiles(remembered).keySet()).containsExactly("Ausflug", "Klassenfoto.png",
				"Elternbrief mit einem sehr langen Namen für die Klasse 5a.txt");
		assertThat(remembered).contains("aria-current=\"true\" class=\"descending\"><span>Größe</span>");

		MockHttpServletResponse back = mvc.perform(get("/dateien/meine").param("ansicht", "liste")
			.cookie(new Cookie(FolderView.COOKIE, "kacheln")).with(user(teacher))).andReturn().getResponse();
		assertThat(back.getContentAsString(StandardCharsets.UTF_8)).contains("<table class=\"file-table\">").doesNotContain("class=\"file-tile\"");
		assertThat(back.getHeader("Set-Cookie")).startsWith(FolderView.COOKIE + "=liste");
		assertThat(page(get("/dateien/meine").cookie(new Cookie(FolderView.COOKIE, "unsinn")))).contains("<table class=\"file-table\">");
	}

	@Test
	void theSwitchKeepsThePlaceAndTheOrder() throws Exception {
		String html = page(get("/dateien/meine").param("pfad", "/Ausflug").param("sortierung", "geaendert").param("absteigend", "true"));
		String form = html.substring(html.indexOf("<form class=\"view-switch\""), html.indexOf("</form>", html.indexOf("<form class=\"view-switch\"")));
		assertThat(form).contains("method=\"get\" action=\"/dateien/meine\"").contains("name=\"pfad\" value=\"/Ausflug\"")
			.contains("name=\"sortierung\" value=\"geaendert\"").contains("name=\"absteigend\" value=\"true\"");
		assertThat(page(get("/dateien/meine").param("pfad", "/Ausflug").param("ansicht", "kacheln")))
			.contains("Noch keine Dateien").doesNotContain("class=\"file-grid\"");
	}

	private Map<String, String> tiles(String html) {
		Map<String, String> tiles = new LinkedHashMap<>();
		Matcher m = TILE.matcher(html);
		while (m.find()) {
			tiles.put(m.group(1), m.group(2));
		}
		return tiles;
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request.with(user(teacher))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private void upload(String path, byte[] content, String type) throws Exception {
		assertThat(mvc.perform(put("/dateien/meine/hochladen").param("pfad", path).contentType(type).content(content).with(user(teacher))
			.with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(201);
	}
}
