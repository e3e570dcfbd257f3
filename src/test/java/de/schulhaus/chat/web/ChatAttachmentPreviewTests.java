package de.schulhaus.chat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import de.schulhaus.IntegrationTest;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.chat.ChatFixture;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;

/** A picture in a message shows as a small copy in the list, the picture itself a click away; both for the room's members only. */
@IntegrationTest
class ChatAttachmentPreviewTests {

	@Autowired MockMvc mvc;
	@Autowired GroupManagement groups;
	@Autowired AccountUserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired AuditLog audit;

	ChatFixture f;
	UUID room;

	@BeforeEach
	void setUp() throws Exception {
		f = new ChatFixture(mvc, groups, users, jdbc, audit, "Vorschau-Schule");
		room = f.awaitRoom(f.classA.id());
	}

	@Test
	void aLargePhotoShowsAsASmallCopyAndOpensInFullSize() throws Exception {
		byte[] photo = picture(2400, 1600, "jpeg");
		String json = post(f.pupil, "Klassenfoto.jpg", "image/jpeg", photo);
		String href = JsonPath.read(json, "$.attachments[0].href");
		String preview = JsonPath.read(json, "$.attachments[0].previewHref");
		assertThat(preview).isEqualTo(href + "/preview");

		MockHttpServletResponse small = call(get(preview), f.pupil2);
		assertThat(small.getStatus()).isEqualTo(200);
		assertThat(small.getContentType()).isEqualTo("image/jpeg");
		BufferedImage shown = ImageIO.read(new ByteArrayInputStream(small.getContentAsByteArray()));
		assertThat(shown.getWidth()).isEqualTo(480);
		assertThat(shown.getHeight()).isEqualTo(320);
		assertThat(small.getContentAsByteArray().length).isLessThan(photo.length / 4);
		// kept by the browser but asked for again each time (a reader who leaves loses it), never run as anything else
		MockHttpServletResponse full = call(get(href), f.pupil2);
		assertThat(small.getHeader("Cache-Control")).contains("no-cache").contains("private").doesNotContain("no-store");
		assertThat(small.getHeader("ETag")).startsWith("\"").endsWith("\"");
		assertThat(small.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(small.getHeader("Content-Disposition")).startsWith("inline");
		assertThat(full.getContentAsByteArray()).isEqualTo(photo);

		// the page shows the small copy, linked to the picture
		String page = f.page(get("/chat/raum/" + room), f.teacher);
		assertThat(page).contains("href=\"" + href + "\"").contains("src=\"" + preview + "\"");
		assertThat(page).doesNotContain("src=\"" + href + "\"");
	}

	@Test
	void aPngStaysAPngAndASmallOneKeepsItsSize() throws Exception {
		String preview = JsonPath.read(post(f.teacher, "Tafel.png", "image/png", picture(300, 200, "png")), "$.attachments[0].previewHref");
		MockHttpServletResponse small = call(get(preview), f.pupil);
		assertThat(small.getContentType()).isEqualTo("image/png");
		BufferedImage shown = ImageIO.read(new ByteArrayInputStream(small.getContentAsByteArray()));
		assertThat(shown.getWidth()).isEqualTo(300);
		assertThat(shown.getHeight()).isEqualTo(200);
		// a tall screenshot fits into 480 × 480
		preview = JsonPath.read(post(f.teacher, "Lang.png", "image/png", picture(1000, 4000, "png")), "$.attachments[0].previewHref");
		shown = ImageIO.read(new ByteArrayInputStream(call(get(preview), f.pupil).getContentAsByteArray()));
		assertThat(shown.getHeight()).isEqualTo(480);
		assertThat(shown.getWidth()).isEqualTo(120);
	}

	@Test
	void aBrowserThatHasThePreviewIsToldSoAndOnlyWhileItMayReadIt() throws Exception {
		String preview = JsonPath.read(post(f.pupil, "Tafelbild.jpg", "image/jpeg", picture(1600, 1200, "jpeg")), "$.attachments[0].previewHref");
		MockHttpServletResponse first = call(get(preview), f.pupil2);
		String etag = first.getHeader("ETag");
		assertThat(first.getStatus()).isEqualTo(200);

		MockHttpServletResponse again = call(get(preview).header("If-None-Match", etag), f.pupil2);
		assertThat(again.getStatus()).isEqualTo(304);
		assertThat(again.getContentAsByteArray()).isEmpty();
		assertThat(again.getHeader("ETag")).isEqualTo(etag);
		// a tag of something else gets the picture
		assertThat(call(get(preview).header("If-None-Match", "\"anderes\""), f.pupil2).getContentAsByteArray())
			.isEqualTo(first.getContentAsByteArray());
		// someone outside the room learns nothing from holding the tag: 404 like for a missing one
		SchulhausUser outsider = f.person("Olga", "Außen", "TEACHER");
		assertThat(call(get(preview).header("If-None-Match", etag), outsider).getStatus()).isEqualTo(404);
	}

	@Test
	void onlyTheRoomsMembersGetItAndFilesWithoutAPreviewHaveNone() throws Exception {
		String preview = JsonPath.read(post(f.pupil, "Foto.jpg", "image/jpeg", picture(800, 600, "jpeg")), "$.attachments[0].previewHref");
		SchulhausUser outsider = f.person("Olaf", "Außen", "TEACHER");
		assertThat(call(get(preview), outsider).getStatus()).isEqualTo(404);
		assertThat(call(get(preview), f.admin).getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/chat/attachments/" + UUID.randomUUID() + "/preview"), f.teacher).getStatus()).isEqualTo(404);

		// a PDF has none; a WebP (which the server cannot read) is shown as it is
		String pdf = post(f.pupil, "Blatt.pdf", "application/pdf", "%PDF-1.4".getBytes());
		assertThat(JsonPath.<Object>read(pdf, "$.attachments[0].previewHref")).isNull();
		assertThat(call(get(JsonPath.<String>read(pdf, "$.attachments[0].href") + "/preview"), f.pupil).getStatus()).isEqualTo(404);
		String webp = post(f.pupil, "Bild.webp", "image/webp", new byte[] { 'R', 'I', 'F', 'F', 1, 2, 3, 4 });
		assertThat(JsonPath.<Boolean>read(webp, "$.attachments[0].image")).isTrue();
		assertThat(JsonPath.<Object>read(webp, "$.attachments[0].previewHref")).isNull();
		// a broken "picture" has no preview either
		String broken = post(f.pupil, "Kaputt.png", "image/png", "kein Bild".getBytes());
		assertThat(call(get(JsonPath.<String>read(broken, "$.attachments[0].previewHref")), f.pupil).getStatus()).isEqualTo(404);

		// once the message is deleted, its preview is gone too
		String id = JsonPath.read(post(f.pupil, "Weg.jpg", "image/jpeg", picture(100, 100, "jpeg")), "$.id");
		String gone = "/api/v1/chat/attachments/" + jdbc.sql("select id from chat_attachment where message_id = :m").param("m", UUID.fromString(id))
			.query(UUID.class).single() + "/preview";
		assertThat(call(get(gone), f.teacher).getStatus()).isEqualTo(200);
		assertThat(call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/chat/messages/" + id), f.pupil).getStatus())
			.isEqualTo(200);
		assertThat(call(get(gone), f.teacher).getStatus()).isEqualTo(404);
	}

	private String post(SchulhausUser who, String name, String type, byte[] content) throws Exception {
		MockHttpServletResponse posted = call(multipart("/api/v1/chat/rooms/" + room + "/attachments").file(new MockMultipartFile("file", name, type, content)), who);
		assertThat(posted.getStatus()).as(posted.getContentAsString()).isEqualTo(201);
		return posted.getContentAsString();
	}

	private MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, SchulhausUser who) throws Exception {
		return mvc.perform(request.header("Accept-Language", "de").with(user(who)).with(csrf())).andReturn().getResponse();
	}

	/** A picture with some detail, so that the smaller copy is smaller in bytes too. */
	static byte[] picture(int width, int height, String format) throws Exception {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		java.util.Random random = new java.util.Random(7);
		for (int i = 0; i < 400; i++) {
			g.setColor(new Color(random.nextInt(0xffffff)));
			g.fillOval(random.nextInt(width), random.nextInt(height), 5 + random.nextInt(width / 4 + 1), 5 + random.nextInt(height / 4 + 1));
		}
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, format, out);
		return out.toByteArray();
	}
}
