package de.schulhaus.dav.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.schulhaus.dav.DavPath;

/** A tree's locks as a view of part of it (a shared folder) sees them. */
class ActiveLockTests {

	private static final DavPath SHARED = path("Fachschaft", "Physik");

	@Test
	void locksInsideTheViewAreSeenAtTheirPathsThere() {
		List<ActiveLock> seen = ActiveLock.inView(List.of(lock("a", false, "Fachschaft", "Physik", "Lehrplan.txt"),
				lock("b", false, "Fachschaft", "Physik")), SHARED);
		assertThat(seen).extracting(ActiveLock::token, ActiveLock::path)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("a", path("Lehrplan.txt")), org.assertj.core.groups.Tuple.tuple("b", DavPath.ROOT));
	}

	@Test
	void aDeepLockAboveCoversTheWholeViewAndOthersConcernNothingInIt() {
		List<ActiveLock> seen = ActiveLock.inView(List.of(lock("deep", true, "Fachschaft"), lock("flat", false, "Fachschaft"),
				lock("beside", true, "Fachschaft", "Chemie"), lock("similar", false, "Fachschaft", "Physik 2")), SHARED);
		assertThat(seen).extracting(ActiveLock::token).containsExactly("deep");
		assertThat(seen.get(0).path()).isEqualTo(DavPath.ROOT);
		assertThat(seen.get(0).deep()).isTrue();
	}

	@Test
	void aWholeTreeSeesItsLocksAsTheyAre() {
		List<ActiveLock> tree = List.of(lock("a", false, "Fachschaft", "Physik", "Lehrplan.txt"));
		assertThat(ActiveLock.inView(tree, DavPath.ROOT)).isSameAs(tree);
	}

	private static ActiveLock lock(String token, boolean deep, String... segments) {
		return new ActiveLock(token, path(segments), deep, true, null, Instant.now().plusSeconds(600));
	}

	private static DavPath path(String... segments) {
		return new DavPath(List.of(segments));
	}
}
