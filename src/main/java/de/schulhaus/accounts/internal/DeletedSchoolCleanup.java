package de.schulhaus.accounts.internal;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import de.schulhaus.blobs.BlobStore;
import de.schulhaus.platform.SignedInSessions;
import de.schulhaus.schools.SchoolDeleted;

/**
 * A deleted school's people go with it: accounts (with their app passwords, tokens, second factors,
 * linked identities, memberships), groups and roster uploads with their files. Delivered through the
 * event registry, so a node dying half-way leaves the work to the next one.
 */
@Component
class DeletedSchoolCleanup {

	private static final Logger log = LoggerFactory.getLogger(DeletedSchoolCleanup.class);

	private final JdbcClient jdbc;
	private final AccountRepository accounts;
	private final BlobStore blobs;
	private final SignedInSessions sessions;

	DeletedSchoolCleanup(JdbcClient jdbc, AccountRepository accounts, BlobStore blobs, SignedInSessions sessions) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.blobs = blobs;
		this.sessions = sessions;
	}

	@ApplicationModuleListener
	void on(SchoolDeleted event) {
		UUID school = event.schoolId();
		sessions.endFor(accounts.loginsOfSchool(school));
		List<UUID> uploads = jdbc.sql("select blob_id from roster_upload where school_id = :school").param("school", school)
			.query(UUID.class).list();
		jdbc.sql("delete from roster_upload where school_id = :school").param("school", school).update();
		uploads.forEach(blobs::delete);
		// memberships, app passwords, tokens, links, recovery codes and identities go with their rows (on delete cascade)
		int groups = jdbc.sql("delete from school_group where school_id = :school").param("school", school).update();
		accounts.credentialsChanged();
		int people = jdbc.sql("delete from account where school_id = :school").param("school", school).update();
		log.info("Deleted school {}: removed {} people, {} groups and {} roster uploads.", event.schoolNumber(), people, groups,
				uploads.size());
	}
}
