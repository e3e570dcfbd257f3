package de.schulhaus.files.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code file_node} rows of a space; every statement filters by school and owner. */
@Repository
class FileNodes {

	private static final String COLUMNS = "id, parent_id, name, kind, blob_id, size_bytes, content_type, etag, created_at, modified_at";

	private final JdbcClient jdbc;

	FileNodes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The space's root folder, made on first use; it has the owner's id, so finding it costs no lookup. */
	FileNode root(UUID school, UUID owner) {
		Optional<FileNode> root = findRoot(school, owner);
		if (root.isPresent()) {
			return root.get();
		}
		// two first requests at once on two nodes: one insert wins, the other does nothing
		Instant now = Instant.now();
		jdbc.sql("insert into file_node (id, school_id, owner_id, parent_id, name, kind, size_bytes, etag, created_at, modified_at) "
				+ "values (:id, :school, :id, null, '', 'folder', 0, :etag, :now, :now) on conflict do nothing")
			.param("id", owner).param("school", school).param("etag", etag()).param("now", time(now))
			.update();
		return findRoot(school, owner).orElseThrow();
	}

	private Optional<FileNode> findRoot(UUID school, UUID owner) {
		return jdbc.sql("select " + COLUMNS + " from file_node where id = :id and school_id = :school and owner_id = :id")
			.param("id", owner).param("school", school).query(FileNodes::node).optional();
	}

	Optional<FileNode> child(UUID school, UUID owner, UUID parent, String name) {
		// found by the unique (parent_id, name) alone, school and owner checked on that row: a planner without
		// statistics (new table, autovacuum off) took a (school_id, …) index instead and read the whole folder or space
		return jdbc.sql("select " + COLUMNS + " from (select " + COLUMNS + ", school_id, owner_id from file_node "
				+ "where parent_id = :parent and name = :name offset 0) n where school_id = :school and owner_id = :owner")
			.param("school", school).param("owner", owner).param("parent", parent).param("name", name)
			.query(FileNodes::node).optional();
	}

	/** The members of several folders in one query. */
	List<FileNode> children(UUID school, UUID owner, Collection<UUID> parents) {
		if (parents.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from file_node where school_id = :school and owner_id = :owner and parent_id in (:parents) "
				+ "order by name")
			.param("school", school).param("owner", owner).param("parents", parents)
			.query(FileNodes::node).list();
	}

	/** A node and everything below it, level by level from the top: one query per level. */
	List<List<FileNode>> subtree(UUID school, UUID owner, FileNode top) {
		List<List<FileNode>> levels = new ArrayList<>();
		List<FileNode> level = List.of(top);
		while (!level.isEmpty()) {
			levels.add(level);
			List<UUID> folders = level.stream().filter(FileNode::folder).map(FileNode::id).toList();
			level = children(school, owner, folders);
		}
		return levels;
	}

	void insert(UUID school, UUID owner, FileNode node) {
		jdbc.sql("insert into file_node (id, school_id, owner_id, parent_id, name, kind, blob_id, size_bytes, content_type, etag, created_at, modified_at) "
				+ "values (:id, :school, :owner, :parent, :name, :kind, :blob, :size, :type, :etag, :created, :modified)")
			.param("id", node.id()).param("school", school).param("owner", owner).param("parent", node.parentId())
			.param("name", node.name()).param("kind", node.folder() ? "folder" : "file").param("blob", node.blobId())
			.param("size", node.size()).param("type", node.contentType()).param("etag", node.etag())
			.param("created", time(node.created())).param("modified", time(node.modified()))
			.update();
	}

	void replaceContent(UUID school, UUID owner, UUID id, UUID blob, long size, String type, String etag) {
		jdbc.sql("update file_node set blob_id = :blob, size_bytes = :size, content_type = :type, etag = :etag, modified_at = :now "
				+ "where id = :id and school_id = :school and owner_id = :owner")
			.param("blob", blob).param("size", size).param("type", type).param("etag", etag).param("now", time(Instant.now()))
			.param("id", id).param("school", school).param("owner", owner)
			.update();
	}

	void move(UUID school, UUID owner, UUID id, UUID parent, String name) {
		jdbc.sql("update file_node set parent_id = :parent, name = :name, modified_at = :now "
				+ "where id = :id and school_id = :school and owner_id = :owner")
			.param("parent", parent).param("name", name).param("now", time(Instant.now()))
			.param("id", id).param("school", school).param("owner", owner)
			.update();
	}

	/** Deletes the nodes of a subtree, deepest level first so that no parent goes before its members. */
	void delete(UUID school, UUID owner, List<List<FileNode>> levels) {
		for (int i = levels.size() - 1; i >= 0; i--) {
			List<UUID> ids = levels.get(i).stream().map(FileNode::id).toList();
			jdbc.sql("delete from file_property where school_id = :school and node_id in (:ids)")
				.param("school", school).param("ids", ids).update();
			jdbc.sql("delete from file_node where school_id = :school and owner_id = :owner and id in (:ids)")
				.param("school", school).param("owner", owner).param("ids", ids).update();
		}
	}

	static String etag() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static FileNode node(ResultSet rs, int n) throws SQLException {
		return new FileNode(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), "folder".equals(rs.getString(4)),
				rs.getObject(5, UUID.class), rs.getLong(6), rs.getString(7), rs.getString(8),
				rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getObject(10, OffsetDateTime.class).toInstant());
	}
}
