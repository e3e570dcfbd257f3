package de.schulhaus.files.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.platform.SchulhausUser;

/** Pictures get a small thumbnail in the folder list; a large photo is decoded small, and a browser asks once per version. */
@IntegrationTest
class ThumbnailsWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	SchulhausUser teacher;

	@BeforeEach
	void teacher() throws Exception {
		var t = new TestSchools(mvc);
		teacher = users.load(t.createUser(t.createSchool("Bilder-Schule"), "Berta", "Bild", "TEACHER", "Kompass-Laterne-Quitte-2026", null)
			.login()).orElseThrow();
	}

	@Test
	void aPhotoGetsASmallThumbnailAndOtherFilesTheirIcon() throws Exception {
		BufferedImage photo = new BufferedImage(3000, 2000, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = photo.createGraphics();
		g.setColor(Color.ORANGE);
		g.fillRect(0, 0, 3000, 2000);
		g.dispose();
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(photo, "png", png);
		upload("/Ausflug.png", png.toByteArray(), "image/png");
		upload("/Liste.txt", "Namen".getBytes(StandardCharsets.UTF_8), "text/plain");

		String folder = mvc.perform(get("/dateien/meine").with(user(teacher))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(folder).contains("/dateien/meine/vorschaubild?pfad=/Ausflug.png").doesNotContain("vorschaubild?pfad=/Liste.txt");

		MockHttpServletResponse thumbnail = mvc.perform(get("/dateien/meine/vorschaubild").param("pfad", "/Ausflug.png").with(user(teacher)))
			.andReturn().getResponse();
		assertThat(thumbnail.getStatus()).isEqualTo(200);
		assertThat(thumbnail.getContentType()).isEqualTo("image/jpeg");
		BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.getContentAsByteArray()));
		assertThat(small.getWidth()).isEqualTo(Thumbnails.SIZE);
		assertThat(small.getHeight()).isBetween(106, 107);
		assertThat(new Color(small.getRGB(80, 50)).getRed()).isGreaterThan(200);

		String etag = thumbnail.getHeader("ETag");
		assertThat(mvc.perform(get("/dateien/meine/vorschaubild").param("pfad", "/Ausflug.png").header("If-None-Match", etag)
			.with(user(teacher))).andReturn().getResponse().getStatus()).isEqualTo(304);
		assertThat(mvc.perform(get("/dateien/meine/vorschaubild").param("pfad", "/Liste.txt").with(user(teacher))).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		// a file that only says it is a picture
		upload("/Kaputt.jpg", "kein Bild".getBytes(StandardCharsets.UTF_8), "image/jpeg");
		assertThat(mvc.perform(get("/dateien/meine/vorschaubild").param("pfad", "/Kaputt.jpg").with(user(teacher))).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
	}

	private void upload(String path, byte[] content, String type) throws Exception {
		assertThat(mvc.perform(put("/dateien/meine/hochladen").param("pfad", path).contentType(type).content(content).with(user(teacher))
			.with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(201);
	}
}
