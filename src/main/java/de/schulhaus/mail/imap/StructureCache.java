package de.schulhaus.mail.imap;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * BODYSTRUCTURE and BODY per raw message, kept after the first scan: a mail app that asks for the
 * structure of a whole folder then reads rows, not every message. A structure too large for a row is
 * scanned again each time.
 */
@Component
class StructureCache {

	static final int MAX_LENGTH = 60_000;

	private final JdbcClient jdbc;

	StructureCache(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Structures(String bodyStructure, String body) {
	}

	Optional<Structures> find(UUID schoolId, UUID blobId) {
		return jdbc.sql("select body_structure, body from mail_imap_structure where blob_id = :blob and school_id = :school")
			.param("blob", blobId).param("school", schoolId).query((rs, n) -> new Structures(rs.getString(1), rs.getString(2))).optional();
	}

	void put(UUID schoolId, UUID blobId, Structures structures) {
		if (structures.bodyStructure().length() > MAX_LENGTH || structures.body().length() > MAX_LENGTH) {
			return;
		}
		jdbc.sql("insert into mail_imap_structure (blob_id, school_id, body_structure, body) values (:blob, :school, :structure, :body) "
				+ "on conflict do nothing")
			.param("blob", blobId).param("school", schoolId).param("structure", structures.bodyStructure()).param("body", structures.body())
			.update();
	}

	/** Rows of raw messages that are gone (expunged, deleted with their folder or school). */
	@Scheduled(cron = "0 20 4 * * *")
	@SchedulerLock(name = "mail.imap-structure-sweep", lockAtMostFor = "PT1H")
	void sweep() {
		jdbc.sql("delete from mail_imap_structure s where not exists (select 1 from mail_message m where m.blob_id = s.blob_id)").update();
	}
}
