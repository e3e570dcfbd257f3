package de.schulhaus.files.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.security.AccountUserDetailsService;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;
import de.schulhaus.files.internal.Links;
import de.schulhaus.files.internal.SpaceFiles;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.SchulhausUser;

/** Pupils hand in through an upload-only link at the same moment, all with the same file name: every one's work is kept. */
@IntegrationTest
class DropBoxRaceTests {

	static final int PUPILS = 6;

	@Autowired
	MockMvc mvc;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	Spaces spaces;

	@Autowired
	Links links;

	@Test
	void uploadsOfTheSameNameAtOnceAllSurviveUnderNumberedNames() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Abgabe-Schule");
		var teacherRef = t.createUser(school, "Anke", "Abgabe", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		SchulhausUser teacher = users.load(teacherRef.login()).orElseThrow();
		SpaceFiles own = spaces.open(spaces.personal(teacher));
		own.createCollection(DavPath.ROOT.child("Abgaben"));
		String page = "/s/" + links.create(own, DavPath.ROOT.child("Abgaben"), true, null, null, null, teacher).token();

		ExecutorService threads = Executors.newFixedThreadPool(PUPILS);
		try {
			for (int round = 0; round < 3; round++) {
				String name = "Aufgabe-" + round + ".pdf";
				CyclicBarrier start = new CyclicBarrier(PUPILS);
				List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
				for (int pupil = 1; pupil <= PUPILS; pupil++) {
					String work = "Lösung von Schüler " + pupil;
					answers.add(threads.submit(() -> {
						start.await(10, TimeUnit.SECONDS);
						return mvc.perform(post(page + "/dateien").param("name", name).contentType("application/pdf")
							.content(work.getBytes(StandardCharsets.UTF_8)).with(csrf())).andReturn().getResponse();
					}));
				}
				Set<String> namesGiven = new HashSet<>();
				for (Future<MockHttpServletResponse> answer : answers) {
					MockHttpServletResponse response = answer.get(60, TimeUnit.SECONDS);
					assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
					namesGiven.add(response.getContentAsString(StandardCharsets.UTF_8).replaceAll(".*\"name\":\"([^\"]+)\".*", "$1"));
				}
				List<String> expected = new ArrayList<>(List.of(name));
				for (int n = 2; n <= PUPILS; n++) {
					expected.add("Aufgabe-" + round + " (" + n + ").pdf");
				}
				assertThat(namesGiven).containsExactlyInAnyOrderElementsOf(expected);
				SpaceFiles files = spaces.open(spaces.personal(teacher));
				DavResource folder = files.find(DavPath.ROOT.child("Abgaben")).orElseThrow();
				Set<String> works = new HashSet<>();
				for (DavResource file : files.children(folder)) {
					if (expected.contains(file.path().name())) {
						try (InputStream in = files.read(file, 0, file.length())) {
							works.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
						}
						assertThat(files.versions(file.path())).as("nobody's work replaced another's").isEmpty();
					}
				}
				assertThat(works).hasSize(PUPILS);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}
}
