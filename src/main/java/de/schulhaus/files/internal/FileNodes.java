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

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.dav.DavLockProbe;
import de.schulhaus.platform.BatchStatements;

/** The {@code file_node} rows of a space; every statement filters by school and owner. */
@Repository
class FileNodes {

	private static final String COLUMNS = "id, parent_id, name, kind, blob_id, size_bytes, content_type, etag, created_at, modified_at, modified_by";

	private final JdbcClient jdbc;
	private final BatchStatements batches;

	FileNodes(JdbcClient jdbc, BatchStatements batches) {
		this.batches = batches;
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

	/**
	 * The nodes along a path below the folder {@code from}, in one query for up to {@link #PATH_DEPTH}
	 * segments (more take one query per that many): one node per segment, fewer where the path ends
	 * early (nothing with that name, or a file where a folder would be).
	 */
	List<FileNode> path(UUID school, UUID owner, UUID from, List<String> segments) {
		return path(school, owner, from, segments, null).nodes();
	}

	/** What a path look-up found, and whether the tree holds locks where it was asked (else null). */
	record PathFound(List<FileNode> nodes, Boolean locked) {
	}

	/** {@link #path(UUID, UUID, UUID, List)}, its first query also answering the lock probe, if one is given. */
	PathFound path(UUID school, UUID owner, UUID from, List<String> segments, DavLockProbe probe) {
		List<FileNode> found = new ArrayList<>();
		Boolean locked = null;
		UUID at = from;
		for (int start = 0; start < segments.size(); start += PATH_DEPTH) {
			List<String> part = segments.subList(start, Math.min(segments.size(), start + PATH_DEPTH));
			PathFound nodes = pathPart(school, owner, at, part, start == 0 ? probe : null);
			locked = start == 0 ? nodes.locked() : locked;
			found.addAll(nodes.nodes());
			if (nodes.nodes().size() < part.size()) {
				break;
			}
			at = found.get(found.size() - 1).id();
		}
		return new PathFound(found, locked);
	}

	private PathFound pathPart(UUID school, UUID owner, UUID from, List<String> segments, DavLockProbe probe) {
		var query = jdbc.sql((probe == null ? PATH_QUERIES : PROBING_PATH_QUERIES)[segments.size()])
			.param("school", school).param("owner", owner).param("from", from);
		for (int i = 0; i < segments.size(); i++) {
			query = query.param("s" + (i + 1), segments.get(i));
		}
		if (probe != null) {
			query = query.params(probe.parameters());
		}
		int skip = probe == null ? 0 : 1;
		return query.query((ResultSet rs) -> {
			// one row: the start, then each level's columns, null from the first one missing; none only where a
			// row of the path is another space's, which a tree never holds: nothing found, locks unknown
			if (!rs.next()) {
				return new PathFound(List.of(), probe == null ? null : true);
			}
			List<FileNode> nodes = new ArrayList<>();
			for (int level = 0; level < segments.size() && rs.getObject(skip + level * NODE_COLUMNS + 1) != null; level++) {
				nodes.add(nodeAt(rs, skip + level * NODE_COLUMNS));
			}
			return new PathFound(nodes, probe == null ? null : rs.getBoolean(1));
		});
	}

	static final int PATH_DEPTH = 8;
	private static final int NODE_COLUMNS = 11;
	private static final String[] PATH_QUERIES = pathQueries(null);
	private static final String[] PROBING_PATH_QUERIES = pathQueries(DavLockProbe.SQL);

	/**
	 * For each depth: from a one-row start, each level left-joined by its parent's id and its name (the unique
	 * (parent_id, name) index, the only one that fits those two), school and owner checked on the rows after the
	 * joins, so that no planner without statistics takes a (school_id, …) index and reads the whole folder.
	 */
	private static String[] pathQueries(String probe) {
		String[] queries = new String[PATH_DEPTH + 1];
		for (int depth = 1; depth <= PATH_DEPTH; depth++) {
			List<String> columns = new ArrayList<>();
			if (probe != null) {
				columns.add(probe);
			}
			StringBuilder from = new StringBuilder(" from (select cast(:from as uuid) as id) n0");
			List<String> checks = new ArrayList<>();
			for (int level = 1; level <= depth; level++) {
				String n = "n" + level;
				for (String column : COLUMNS.split(", ")) {
					columns.add(n + "." + column);
				}
				from.append(" left join file_node ").append(n).append(" on ").append(n).append(".parent_id = n").append(level - 1)
					.append(".id and ").append(n).append(".name = :s").append(level);
				checks.add("(" + n + ".id is null or (" + n + ".school_id = :school and " + n + ".owner_id = :owner))");
			}
			queries[depth] = "select " + String.join(", ", columns) + from + " where " + String.join(" and ", checks);
		}
		return queries;
	}

	/** The members of several folders in one query. */
	List<FileNode> children(UUID school, UUID owner, Collection<UUID> parents) {
		if (parents.isEmpty()) {
			return List.of();
		}
		// by the folders' ids first (the unique (parent_id, name) index), school and owner checked on those rows:
		// without statistics a planner took the (school_id, owner_id, …) trash index and read the whole space
		return jdbc.sql("select " + COLUMNS + " from (select " + COLUMNS + ", school_id, owner_id from file_node "
				+ "where parent_id in (:parents) offset 0) n where school_id = :school and owner_id = :owner order by name")
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
		jdbc.sql("insert into file_node (id, school_id, owner_id, parent_id, name, kind, blob_id, size_bytes, content_type, etag, created_at, modified_at, "
				+ "modified_by) values (:id, :school, :owner, :parent, :name, :kind, :blob, :size, :type, :etag, :created, :modified, :by)")
			.param("id", node.id()).param("school", school).param("owner", owner).param("parent", node.parentId())
			.param("name", node.name()).param("kind", node.folder() ? "folder" : "file").param("blob", node.blobId())
			.param("size", node.size()).param("type", node.contentType()).param("etag", node.etag())
			.param("created", time(node.created())).param("modified", time(node.modified())).param("by", node.modifiedBy())
			.update();
	}

	private static final String INSERT_IF_ABSENT = "insert into file_node (id, school_id, owner_id, parent_id, name, kind, blob_id, size_bytes, content_type, etag, created_at, "
			+ "modified_at, modified_by) values (:id, :school, :owner, :parent, :name, :kind, :blob, :size, :type, :etag, :created, :modified, :by) "
			+ "on conflict do nothing";

	/**
	 * {@link #insertIfAbsent} for several new files in one round trip, in the order given: per file whether its row went in
	 * (false where the name was taken, also by a file earlier in the list).
	 */
	boolean[] insertAllIfAbsent(List<Space> spaces, List<FileNode> files) {
		List<MapSqlParameterSource> rows = new ArrayList<>(files.size());
		for (int i = 0; i < files.size(); i++) {
			FileNode node = files.get(i);
			rows.add(new MapSqlParameterSource().addValue("id", node.id()).addValue("school", spaces.get(i).schoolId())
				.addValue("owner", spaces.get(i).id()).addValue("parent", node.parentId()).addValue("name", node.name())
				.addValue("kind", node.folder() ? "folder" : "file").addValue("blob", node.blobId()).addValue("size", node.size())
				.addValue("type", node.contentType()).addValue("etag", node.etag()).addValue("created", time(node.created()))
				.addValue("modified", time(node.modified())).addValue("by", node.modifiedBy()));
		}
		int[] counts = batches.run(INSERT_IF_ABSENT, rows);
		boolean[] inserted = new boolean[counts.length];
		for (int i = 0; i < counts.length; i++) {
			inserted[i] = counts[i] == 1;
		}
		return inserted;
	}

	/** Removes rows that {@link #insertAllIfAbsent} put in and that are not to stay, before anybody else saw them. */
	void removeInserted(UUID school, Collection<UUID> ids) {
		if (!ids.isEmpty()) {
			jdbc.sql("delete from file_node where school_id = :school and id in (:ids)").param("school", school).param("ids", ids).update();
		}
	}

	/** Inserts a node unless its name is taken in its folder (a concurrent upload): whether it did. */
	boolean insertIfAbsent(UUID school, UUID owner, FileNode node) {
		return jdbc.sql(INSERT_IF_ABSENT)
			.param("id", node.id()).param("school", school).param("owner", owner).param("parent", node.parentId())
			.param("name", node.name()).param("kind", node.folder() ? "folder" : "file").param("blob", node.blobId())
			.param("size", node.size()).param("type", node.contentType()).param("etag", node.etag())
			.param("created", time(node.created())).param("modified", time(node.modified())).param("by", node.modifiedBy())
			.update() == 1;
	}

	/**
	 * The new content of a file as the caller last saw it: nothing changes (false) when its content, name or folder
	 * changed meanwhile, so that two replacements at once never keep the same old content as two versions.
	 */
	boolean replaceContent(UUID school, UUID owner, FileNode seen, UUID blob, long size, String type, String etag, Instant modified, UUID by) {
		return jdbc.sql("update file_node set blob_id = :blob, size_bytes = :size, content_type = :type, etag = :etag, modified_at = :now, "
				+ "modified_by = :by where id = :id and school_id = :school and owner_id = :owner and etag = :seen and parent_id = :parent and name = :name")
			.param("blob", blob).param("size", size).param("type", type).param("etag", etag).param("now", time(modified)).param("by", by)
			.param("id", seen.id()).param("school", school).param("owner", owner).param("seen", seen.etag()).param("parent", seen.parentId())
			.param("name", seen.name())
			.update() == 1;
	}

	void replaceContent(UUID school, UUID owner, UUID id, UUID blob, long size, String type, String etag, Instant modified, UUID by) {
		jdbc.sql("update file_node set blob_id = :blob, size_bytes = :size, content_type = :type, etag = :etag, modified_at = :now, "
				+ "modified_by = :by where id = :id and school_id = :school and owner_id = :owner")
			.param("blob", blob).param("size", size).param("type", type).param("etag", etag).param("now", time(modified)).param("by", by)
			.param("id", id).param("school", school).param("owner", owner)
			.update();
	}

	/**
	 * Moves a node the caller saw: nothing changes (false) when it left that folder or name meanwhile, or went to the
	 * trash (which empties its parent), so that a move and a delete at once never leave it in the tree and the trash.
	 */
	boolean move(UUID school, UUID owner, FileNode seen, UUID parent, String name) {
		return jdbc.sql("update file_node set parent_id = :parent, name = :name, modified_at = :now "
				+ "where id = :id and school_id = :school and owner_id = :owner and parent_id = :seenParent and name = :seenName "
				+ "and trashed_at is null")
			.param("parent", parent).param("name", name).param("now", time(Instant.now()))
			.param("id", seen.id()).param("school", school).param("owner", owner).param("seenParent", seen.parentId())
			.param("seenName", seen.name())
			.update() == 1;
	}

	/**
	 * Locks the space's top folder for the rest of the transaction: folder moves take it first, so that two of them
	 * in one space run one after the other and each sees the tree as the other left it.
	 */
	void lockSpace(UUID school, UUID owner) {
		jdbc.sql("select id from file_node where id = :owner and school_id = :school and owner_id = :owner for update")
			.param("owner", owner).param("school", school).query(UUID.class).optional();
	}

	/** Whether {@code folder} is {@code node} or lies below it, as the tree is now (a trashed folder counts as below nothing). */
	boolean isWithin(UUID school, UUID owner, UUID folder, UUID node) {
		UUID at = folder;
		for (int depth = 0; at != null && depth < 1000; depth++) {
			if (at.equals(node)) {
				return true;
			}
			at = jdbc.sql("select parent_id from file_node where id = :id and school_id = :school and owner_id = :owner")
				.param("id", at).param("school", school).param("owner", owner).query(UUID.class).optional().orElse(null);
		}
		return false;
	}

	/** Takes a node out of the tree into the trash; it remembers its folder, and its members stay below it. */
	void trash(UUID school, UUID owner, UUID id, UUID by) {
		jdbc.sql("update file_node set trashed_from = parent_id, parent_id = null, trashed_at = :now, trashed_by = :by "
				+ "where id = :id and school_id = :school and owner_id = :owner and parent_id is not null")
			.param("now", time(Instant.now())).param("by", by).param("id", id).param("school", school).param("owner", owner)
			.update();
	}

	/** The space's trash: the nodes deleted as a whole (not their members), newest first. */
	List<Trashed> trashed(UUID school, UUID owner) {
		return jdbc.sql("select " + COLUMNS + ", trashed_at, trashed_from, trashed_by from file_node "
				+ "where school_id = :school and owner_id = :owner and trashed_at is not null order by trashed_at desc, name")
			.param("school", school).param("owner", owner)
			.query(FileNodes::trashedRow)
			.list();
	}

	Optional<Trashed> trashed(UUID school, UUID owner, UUID id) {
		return jdbc.sql("select " + COLUMNS + ", trashed_at, trashed_from, trashed_by from file_node "
				+ "where id = :id and school_id = :school and owner_id = :owner and trashed_at is not null")
			.param("id", id).param("school", school).param("owner", owner)
			.query(FileNodes::trashedRow)
			.optional();
	}

	/** Trashed nodes of any school deleted before the cutoff, for the sweep: {school, space, node}. */
	List<UUID[]> trashedBefore(Instant cutoff, int limit) {
		return jdbc.sql("select school_id, owner_id, id from file_node where trashed_at < :cutoff order by trashed_at limit " + limit)
			.param("cutoff", time(cutoff)).query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class) })
			.list();
	}

	/** Puts a trashed node back into a folder under a name. */
	void restore(UUID school, UUID owner, UUID id, UUID parent, String name) {
		jdbc.sql("update file_node set parent_id = :parent, name = :name, trashed_at = null, trashed_from = null, trashed_by = null "
				+ "where id = :id and school_id = :school and owner_id = :owner and trashed_at is not null")
			.param("parent", parent).param("name", name).param("id", id).param("school", school).param("owner", owner)
			.update();
	}

	/** Whether the folder is in the space's tree (not in the trash, nor below something that is). */
	boolean inTree(UUID school, UUID owner, UUID folder) {
		UUID at = folder;
		for (int depth = 0; at != null && depth < 1000; depth++) {
			if (at.equals(owner)) {
				return true;
			}
			at = jdbc.sql("select parent_id from file_node where id = :id and school_id = :school and owner_id = :owner and kind = 'folder'")
				.param("id", at).param("school", school).param("owner", owner).query(UUID.class).optional().orElse(null);
		}
		return false;
	}

	Optional<FileNode> byId(UUID school, UUID owner, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from file_node where id = :id and school_id = :school and owner_id = :owner")
			.param("id", id).param("school", school).param("owner", owner).query(FileNodes::node).optional();
	}

	/** Where a node in the tree is, from the space's top folder. */
	de.schulhaus.dav.DavPath pathOf(UUID school, UUID owner, FileNode node) {
		List<String> names = new ArrayList<>();
		FileNode at = node;
		while (at.parentId() != null) {
			names.add(0, at.name());
			UUID parent = at.parentId();
			at = byId(school, owner, parent).orElseThrow(() -> new IllegalStateException("folder " + parent + " is gone"));
		}
		return new de.schulhaus.dav.DavPath(names);
	}

	/** A trashed node with when, where from and by whom. */
	record Trashed(FileNode node, Instant at, UUID from, UUID by) {
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

	private static Trashed trashedRow(ResultSet rs, int n) throws SQLException {
		return new Trashed(node(rs, n), rs.getObject(12, OffsetDateTime.class).toInstant(), rs.getObject(13, UUID.class),
				rs.getObject(14, UUID.class));
	}

	private static FileNode node(ResultSet rs, int n) throws SQLException {
		return nodeAt(rs, 0);
	}

	/** The node whose {@link #COLUMNS} start after column {@code skip}. */
	private static FileNode nodeAt(ResultSet rs, int skip) throws SQLException {
		int c = skip;
		return new FileNode(rs.getObject(c + 1, UUID.class), rs.getObject(c + 2, UUID.class), rs.getString(c + 3), "folder".equals(rs.getString(c + 4)),
				rs.getObject(c + 5, UUID.class), rs.getLong(c + 6), rs.getString(c + 7), rs.getString(c + 8),
				rs.getObject(c + 9, OffsetDateTime.class).toInstant(), rs.getObject(c + 10, OffsetDateTime.class).toInstant(),
				rs.getObject(c + 11, UUID.class));
	}
}
