package de.schulhaus.files.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.platform.Ids;

/** The {@code file_version} rows: earlier contents of files, newest first. */
@Repository
class FileVersions {

	private static final String COLUMNS = "id, node_id, blob_id, size_bytes, content_type, modified_at, modified_by, replaced_at";

	private final JdbcClient jdbc;

	FileVersions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An earlier content of a file. */
	record Version(UUID id, UUID nodeId, UUID blobId, long size, String contentType, Instant modified, UUID modifiedBy, Instant replaced) {
	}

	/** Keeps the content a file had before it is replaced. */
	UUID keep(UUID school, FileNode replaced) {
		UUID id = Ids.newId();
		jdbc.sql("insert into file_version (id, school_id, node_id, blob_id, size_bytes, content_type, modified_at, modified_by, replaced_at) "
				+ "values (:id, :school, :node, :blob, :size, :type, :modified, :by, :now)")
			.param("id", id).param("school", school).param("node", replaced.id()).param("blob", replaced.blobId())
			.param("size", replaced.size()).param("type", replaced.contentType()).param("modified", FileNodes.time(replaced.modified()))
			.param("by", replaced.modifiedBy()).param("now", FileNodes.time(Instant.now()))
			.update();
		return id;
	}

	List<Version> of(UUID school, UUID node) {
		return jdbc.sql("select " + COLUMNS + " from file_version where school_id = :school and node_id = :node order by modified_at desc, replaced_at desc")
			.param("school", school).param("node", node).query(FileVersions::version).list();
	}

	Optional<Version> find(UUID school, UUID node, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from file_version where school_id = :school and node_id = :node and id = :id")
			.param("school", school).param("node", node).param("id", id).query(FileVersions::version).optional();
	}

	void remove(UUID school, UUID id) {
		jdbc.sql("delete from file_version where school_id = :school and id = :id").param("school", school).param("id", id).update();
	}

	/** The content of all versions of these files, before their rows go (with the files' rows, by cascade). */
	List<UUID> blobsOf(UUID school, Collection<UUID> nodes) {
		if (nodes.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select blob_id from file_version where school_id = :school and node_id in (:nodes)")
			.param("school", school).param("nodes", nodes).query(UUID.class).list();
	}

	private static Version version(ResultSet rs, int n) throws SQLException {
		return new Version(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getLong(4),
				rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getObject(7, UUID.class),
				rs.getObject(8, OffsetDateTime.class).toInstant());
	}
}
