package de.schulhaus.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;

/**
 * Moves that race other changes of the same space: the tree stays a tree (every node reachable from the
 * space's top), and a node is either in the tree or in the trash, never both.
 */
@IntegrationTest
class ConcurrentMovesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Spaces spaces;

	@Autowired
	FileNodes nodes;

	@Autowired
	JdbcClient jdbc;

	Space space;

	@BeforeEach
	void teacher() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Verschiebe-Schule");
		var teacher = t.createUser(school, "Moritz", "Move", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		space = FileWritesTests.own(school.id(), teacher.id());
	}

	@Test
	void aMoveDecidedOnPathsReadBeforeAnotherMoveCannotPutAFolderInsideItself() {
		SpaceFiles first = spaces.open(space);
		first.createCollection(path("A"));
		first.createCollection(path("B"));
		// both requests looked at the tree before either moved: neither target is inside its source then
		SpaceFiles second = spaces.open(space);
		DavResource a = first.find(path("A")).orElseThrow();
		first.find(path("B", "A"));
		DavResource b = second.find(path("B")).orElseThrow();
		second.find(path("A", "B"));

		second.move(b, path("A", "B"));
		assertThatThrownBy(() -> first.move(a, path("B", "A")))
			.isInstanceOfSatisfying(DavException.class, e -> assertThat(e.status()).isEqualTo(409));
		assertEveryNodeReachable();
		assertThat(spaces.open(space).find(path("A", "B")).orElseThrow().collection()).isTrue();
	}

	@Test
	void twoFoldersMovedIntoEachOtherAtOnceLeaveOneMoveDoneAndATree() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 8; round++) {
				String x = "X" + round;
				String y = "Y" + round;
				spaces.open(space).createCollection(path(x));
				spaces.open(space).createCollection(path(y));
				SpaceFiles first = spaces.open(space);
				SpaceFiles second = spaces.open(space);
				DavResource fx = first.find(path(x)).orElseThrow();
				first.find(path(y, x));
				DavResource fy = second.find(path(y)).orElseThrow();
				second.find(path(x, y));
				CyclicBarrier start = new CyclicBarrier(2);
				Future<Boolean> one = threads.submit(attempt(start, () -> first.move(fx, path(y, x))));
				Future<Boolean> other = threads.submit(attempt(start, () -> second.move(fy, path(x, y))));
				assertThat(List.of(one.get(30, TimeUnit.SECONDS), other.get(30, TimeUnit.SECONDS))).as("round " + round).containsOnlyOnce(true);
				assertEveryNodeReachable();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aMoveOfWhatWasDeletedMeanwhileLeavesItInTheTrashOnly() {
		SpaceFiles mover = spaces.open(space);
		mover.createCollection(path("Ziel"));
		mover.write(path("Blatt.txt"), new java.io.ByteArrayInputStream("Aufgabe".getBytes()), "text/plain", 7);
		DavResource sheet = spaces.open(space).find(path("Blatt.txt")).orElseThrow();
		mover = spaces.open(space);
		DavResource seen = mover.find(path("Blatt.txt")).orElseThrow();
		mover.find(path("Ziel", "Blatt.txt"));

		spaces.open(space).delete(sheet);
		SpaceFiles late = mover;
		assertThatThrownBy(() -> late.move(seen, path("Ziel", "Blatt.txt")))
			.isInstanceOfSatisfying(DavException.class, e -> assertThat(e.status()).isEqualTo(409));
		assertTrashedOnly("Blatt.txt");
	}

	@Test
	void aMoveRacingADeleteEndsInTheTrashNeverInTheTreeAndTheTrashAtOnce() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 8; round++) {
				String file = "Datei" + round + ".txt";
				String folder = "Ordner" + round;
				spaces.open(space).createCollection(path(folder));
				spaces.open(space).write(path(file), new java.io.ByteArrayInputStream(new byte[] { 1 }), "text/plain", 1);
				SpaceFiles mover = spaces.open(space);
				SpaceFiles deleter = spaces.open(space);
				DavResource moved = mover.find(path(file)).orElseThrow();
				mover.find(path(folder, file));
				DavResource deleted = deleter.find(path(file)).orElseThrow();
				CyclicBarrier start = new CyclicBarrier(2);
				Future<Boolean> move = threads.submit(attempt(start, () -> mover.move(moved, path(folder, file))));
				Future<Boolean> delete = threads.submit(attempt(start, () -> deleter.delete(deleted)));
				assertThat(delete.get(30, TimeUnit.SECONDS)).isTrue();
				move.get(30, TimeUnit.SECONDS);
				assertTrashedOnly(file);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static Callable<Boolean> attempt(CyclicBarrier start, Runnable change) {
		return () -> {
			start.await(10, TimeUnit.SECONDS);
			try {
				change.run();
				return true;
			}
			catch (DavException refused) {
				assertThat(refused.status()).isEqualTo(409);
				return false;
			}
		};
	}

	/** The node named so is in the trash (no folder, a deletion time) and not in the tree. */
	private void assertTrashedOnly(String name) {
		var row = jdbc.sql("select id, parent_id, trashed_at from file_node where school_id = :school and owner_id = :owner and name = :name")
			.param("school", space.schoolId()).param("owner", space.id()).param("name", name)
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3) }).single();
		assertThat(row[2]).as(name + " is in the trash").isNotNull();
		assertThat(row[1]).as(name + " has no folder").isNull();
		assertThat(reachable()).doesNotContain((UUID) row[0]);
	}

	private void assertEveryNodeReachable() {
		List<UUID> all = jdbc.sql("select id from file_node where school_id = :school and owner_id = :owner and trashed_at is null")
			.param("school", space.schoolId()).param("owner", space.id()).query(UUID.class).list();
		assertThat(reachable()).containsExactlyInAnyOrderElementsOf(all);
	}

	private Set<UUID> reachable() {
		Set<UUID> found = new HashSet<>();
		ArrayDeque<UUID> next = new ArrayDeque<>(List.of(nodes.root(space.schoolId(), space.id()).id()));
		while (!next.isEmpty()) {
			UUID at = next.poll();
			if (found.add(at)) {
				nodes.children(space.schoolId(), space.id(), List.of(at)).forEach(child -> next.add(child.id()));
			}
		}
		return found;
	}

	private static DavPath path(String... names) {
		return new DavPath(List.of(names));
	}
}
