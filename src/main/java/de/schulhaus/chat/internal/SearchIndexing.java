package de.schulhaus.chat.internal;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Fills the search's copy of the messages' text (chat_search_entry) once a night, on one node, when the school is
 * quiet: a trigram index costs every write that goes into it, and the posting path is the messenger's hottest. Per
 * room it takes in what changed since the room's indexed_seq, in steps of {@link #STEP} seqs, each step one short
 * transaction of two set-based statements: the step's messages lose their old copy and, if not deleted, get their
 * current text. What changed after a step is searched in chat_message itself ({@link MessageSearch}) until the next
 * night.
 */
@Component
class SearchIndexing {

	static final int STEP = 2_000;
	private static final int ROOMS_PER_READ = 1_000;
	private static final Logger log = LoggerFactory.getLogger(SearchIndexing.class);

	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;

	SearchIndexing(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** At night by default; {@code schulhaus.chat.search-indexing-cron} moves it (a Spring cron, Europe/Berlin). */
	@Scheduled(cron = "${schulhaus.chat.search-indexing-cron:0 20 2 * * *}", zone = "Europe/Berlin")
	@SchedulerLock(name = "chat.search-indexing", lockAtMostFor = "PT4H")
	void run() {
		long started = System.nanoTime();
		int rooms = indexAll();
		if (rooms > 0) {
			log.info("Chat search: took in the changes of {} rooms in {} ms.", rooms, (System.nanoTime() - started) / 1_000_000);
		}
	}

	/** Brings every room's copies up to the room's latest change; answers how many rooms had changes. */
	int indexAll() {
		int changed = 0;
		// the lowest id: both databases order uuids by their bytes
		UUID after = new UUID(0, 0);
		List<Behind> rooms;
		do {
			// in pages by id: a state's installation has hundreds of thousands of rooms
			rooms = jdbc.sql("select r.id, r.school_id, r.last_seq, coalesce(s.indexed_seq, 0) from chat_room r "
					+ "left join chat_search_room s on s.room_id = r.id where r.id > :after and r.last_seq > coalesce(s.indexed_seq, 0) "
					+ "order by r.id limit :limit")
				.param("after", after).param("limit", ROOMS_PER_READ)
				.query((rs, n) -> new Behind(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3), rs.getLong(4))).list();
			for (Behind room : rooms) {
				try {
					index(room);
					changed++;
				} catch (DataAccessException failed) {
					// a room deleted meanwhile, say: the others go on, and this one is searched unindexed until the next night
					log.warn("Chat search: room {} not indexed: {}", room.id(), failed.getMessage());
				}
				after = room.id();
			}
		} while (rooms.size() == ROOMS_PER_READ);
		return changed;
	}

	private void index(Behind room) {
		for (long from = room.indexedSeq(); from < room.lastSeq(); from = Math.min(from + STEP, room.lastSeq())) {
			long to = Math.min(from + STEP, room.lastSeq());
			long since = from;
			transaction.executeWithoutResult(status -> step(room, since, to));
		}
	}

	/** The room's messages whose latest change is in (from, to]: their copies made anew; the room indexed up to {@code to}. */
	private void step(Behind room, long from, long to) {
		String changed = "from chat_message m where m.room_id = :room and m.changed_seq > :from and m.changed_seq <= :to";
		jdbc.sql("delete from chat_search_entry where message_id in (select m.id " + changed + ")")
			.param("room", room.id()).param("from", from).param("to", to).update();
		jdbc.sql("insert into chat_search_entry (message_id, school_id, room_id, body, created_at, seq) "
				+ "select m.id, m.school_id, m.room_id, m.body, m.created_at, m.seq "
				+ changed + " and m.deleted_at is null")
			.param("room", room.id()).param("from", from).param("to", to).update();
		int moved = jdbc.sql("update chat_search_room set indexed_seq = :to where room_id = :room").param("to", to).param("room", room.id()).update();
		if (moved == 0) {
			jdbc.sql("insert into chat_search_room (room_id, school_id, indexed_seq) values (:room, :school, :to)")
				.param("room", room.id()).param("school", room.schoolId()).param("to", to).update();
		}
	}

	private record Behind(UUID id, UUID schoolId, long lastSeq, long indexedSeq) {
	}
}
