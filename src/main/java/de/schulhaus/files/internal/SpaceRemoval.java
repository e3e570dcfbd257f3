package de.schulhaus.files.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.accounts.GroupsChanged;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.blobs.BlobStore;
import de.schulhaus.blobs.ResumableUploads;
import de.schulhaus.schools.SchoolDeleted;

/**
 * A person's space goes with their account, a group's with the group, a school's spaces with the school:
 * rows, dead properties, versions, blobs and unfinished uploads (their content after the commit).
 * Delivered through the event registry, so a node dying
 * half-way leaves the work to the next one.
 */
@Component
class SpaceRemoval {

	private final JdbcClient jdbc;
	private final BlobStore blobs;
	private final ResumableUploads uploads;

	SpaceRemoval(JdbcClient jdbc, BlobStore blobs, ResumableUploads uploads) {
		this.jdbc = jdbc;
		this.blobs = blobs;
		this.uploads = uploads;
	}

	@ApplicationModuleListener
	void on(AccountsChanged event) {
		List<UUID> deleted = event.changes().stream().filter(c -> c.kind() == AccountsChanged.Kind.DELETED)
			.map(AccountsChanged.Change::accountId).toList();
		if (!deleted.isEmpty()) {
			removeSpaces(event.schoolId(), deleted);
			// what others shared with them ends; their name leaves the activity lists, what they did stays
			jdbc.sql("delete from file_share where school_id = :school and grantee_kind = 'person' and grantee_id in (:ids)")
				.param("school", event.schoolId()).param("ids", deleted).update();
			jdbc.sql("update file_activity set actor_id = null where school_id = :school and actor_id in (:ids)")
				.param("school", event.schoolId()).param("ids", deleted).update();
		}
	}

	/** A deleted group's space goes with it; an archived group's stays, read-only. */
	@ApplicationModuleListener
	void on(GroupsChanged event) {
		List<UUID> deleted = event.changes().stream().filter(c -> c.kind() == GroupsChanged.Kind.DELETED)
			.map(GroupsChanged.Change::groupId).toList();
		if (!deleted.isEmpty()) {
			removeSpaces(event.schoolId(), deleted);
			jdbc.sql("delete from file_space where school_id = :school and id in (:ids)")
				.param("school", event.schoolId()).param("ids", deleted).update();
			jdbc.sql("delete from file_share where school_id = :school and grantee_kind = 'group' and grantee_id in (:ids)")
				.param("school", event.schoolId()).param("ids", deleted).update();
		}
	}

	@ApplicationModuleListener
	void on(SchoolDeleted event) {
		UUID school = event.schoolId();
		List<UUID> contents = new java.util.ArrayList<>(jdbc.sql("select blob_id from file_node where school_id = :school and blob_id is not null")
			.param("school", school).query(UUID.class).list());
		contents.addAll(jdbc.sql("select blob_id from file_version where school_id = :school").param("school", school).query(UUID.class).list());
		jdbc.sql("delete from file_property where school_id = :school").param("school", school).update();
		// parents first would break the folder reference: detach them, then delete all rows at once
		jdbc.sql("update file_node set parent_id = null where school_id = :school").param("school", school).update();
		jdbc.sql("delete from file_node where school_id = :school").param("school", school).update();
		jdbc.sql("delete from file_space where school_id = :school").param("school", school).update();
		jdbc.sql("delete from file_activity where school_id = :school").param("school", school).update();
		contents.forEach(blobs::delete);
		uploads.removeAll(school, null);
	}

	/** Removes the spaces of these people or groups in the caller's transaction; answers {files, bytes} removed. */
	long[] removeSpaces(UUID school, List<UUID> owners) {
		long[] counted = jdbc.sql("select count(*), coalesce(sum(size_bytes), 0) from file_node "
				+ "where school_id = :school and owner_id in (:owners) and kind = 'file'")
			.param("school", school).param("owners", owners)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		List<UUID> contents = new java.util.ArrayList<>(jdbc.sql(
				"select blob_id from file_node where school_id = :school and owner_id in (:owners) and blob_id is not null")
			.param("school", school).param("owners", owners).query(UUID.class).list());
		// earlier versions go with their files (their rows by cascade)
		contents.addAll(jdbc.sql("select blob_id from file_version where school_id = :school and node_id in "
				+ "(select id from file_node where school_id = :school and owner_id in (:owners))")
			.param("school", school).param("owners", owners).query(UUID.class).list());
		jdbc.sql("delete from file_property where school_id = :school and node_id in "
				+ "(select id from file_node where school_id = :school and owner_id in (:owners))")
			.param("school", school).param("owners", owners).update();
		jdbc.sql("update file_node set parent_id = null where school_id = :school and owner_id in (:owners)")
			.param("school", school).param("owners", owners).update();
		// versions, shares and links of these files go by cascade
		jdbc.sql("delete from file_node where school_id = :school and owner_id in (:owners)")
			.param("school", school).param("owners", owners).update();
		jdbc.sql("delete from file_activity where school_id = :school and space_id in (:owners)")
			.param("school", school).param("owners", owners).update();
		contents.forEach(blobs::delete);
		owners.forEach(owner -> uploads.removeAll(school, BlobOwner.account(school, owner)));
		return counted;
	}
}
