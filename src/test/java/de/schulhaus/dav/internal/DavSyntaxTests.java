package de.schulhaus.dav.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;

/** The small grammars of WebDAV requests: paths, the If header, byte ranges. */
class DavSyntaxTests {

	static final String PREFIX = "/dav/files/anna@schule.de/";

	@Test
	void pathsAreDecodedPerSegmentAndEncodedBack() {
		DavPath path = Hrefs.parse(PREFIX + "Unterricht/Gr%C3%BC%C3%9Fe%20%E2%82%AC.txt", PREFIX);
		assertThat(path.segments()).containsExactly("Unterricht", "Grüße €.txt");
		assertThat(Hrefs.href(PREFIX, path, false)).isEqualTo(PREFIX + "Unterricht/Gr%C3%BC%C3%9Fe%20%E2%82%AC.txt");
		assertThat(Hrefs.href(PREFIX, path.parent(), true)).isEqualTo(PREFIX + "Unterricht/");
		assertThat(Hrefs.parse(PREFIX.substring(0, PREFIX.length() - 1), PREFIX)).isEqualTo(DavPath.ROOT);
	}

	@Test
	void pathsThatCouldClimbOrMeanTwoThingsAreRefused() {
		for (String bad : List.of("a/%2e%2E/b", "..", "a%2Fb", "a%5cb", "a%00", "a//b", "a%zz", "a%2")) {
			assertThatThrownBy(() -> Hrefs.parse(PREFIX + bad, PREFIX)).as(bad).isInstanceOfSatisfying(DavException.class,
					e -> assertThat(e.status()).isEqualTo(400));
		}
		assertThatThrownBy(() -> Hrefs.destination("http://elsewhere/dav/files/bert@schule.de/x", PREFIX))
			.isInstanceOfSatisfying(DavException.class, e -> assertThat(e.status()).isEqualTo(502));
	}

	@Test
	void ifHeadersWithTagsNotAndEntityTags() {
		IfHeader header = IfHeader.parse("<http://h/dav/files/a/x> (<urn:uuid:1> [\"e1\"]) (Not <DAV:no-lock>)");
		assertThat(header.lists()).hasSize(2);
		assertThat(header.lists().get(0).resource()).isEqualTo("http://h/dav/files/a/x");
		assertThat(header.lists().get(0).conditions()).containsExactly(new IfHeader.Condition(false, "urn:uuid:1", null),
				new IfHeader.Condition(false, null, "\"e1\""));
		assertThat(header.lists().get(1).conditions()).containsExactly(new IfHeader.Condition(true, "DAV:no-lock", null));
		assertThat(header.submittedTokens()).containsExactly("urn:uuid:1");
		assertThatThrownBy(() -> IfHeader.parse("(<urn:uuid:1>")).isInstanceOf(DavException.class);
		assertThatThrownBy(() -> IfHeader.parse("()")).isInstanceOf(DavException.class);
	}

	@Test
	void singleByteRanges() {
		assertThat(ContentHandler.range("bytes=0-3", 10)).containsExactly(0, 4);
		assertThat(ContentHandler.range("bytes=6-", 10)).containsExactly(6, 4);
		assertThat(ContentHandler.range("bytes=-3", 10)).containsExactly(7, 3);
		assertThat(ContentHandler.range("bytes=5-100", 10)).containsExactly(5, 5);
		assertThat(ContentHandler.range("bytes=10-", 10)).isEmpty();
		assertThat(ContentHandler.range("bytes=0-1,3-4", 10)).isNull();
		assertThat(ContentHandler.range("lines=1-2", 10)).isNull();
	}

	@Test
	void lockTimeoutsAreBounded() {
		assertThat(DavLocks.timeout("Second-60")).hasSeconds(60);
		assertThat(DavLocks.timeout("Infinite, Second-4100000000")).isEqualTo(DavLocks.MAX_TIMEOUT);
		assertThat(DavLocks.timeout("Second-99999999")).isEqualTo(DavLocks.MAX_TIMEOUT);
		assertThat(DavLocks.timeout(null)).isEqualTo(DavLocks.DEFAULT_TIMEOUT);
	}
}
