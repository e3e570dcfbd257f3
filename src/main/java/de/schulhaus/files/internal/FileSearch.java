package de.schulhaus.files.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import de.schulhaus.dav.DavPath;
import de.schulhaus.platform.SchulhausUser;

/**
 * Files and folders by name in the spaces a person sees as a whole: one query over those spaces, then
 * the path of each hit by walking up its folders. A trashed item has no parent; its members keep
 * theirs, so a hit whose folders do not reach the space's top lies in the trash and is left out.
 */
@Repository
public class FileSearch {

	private final JdbcClient jdbc;
	private final Spaces spaces;
	private final FileNodes nodes;

	FileSearch(JdbcClient jdbc, Spaces spaces, FileNodes nodes) {
		this.jdbc = jdbc;
		this.spaces = spaces;
		this.nodes = nodes;
	}

	/** A file or folder found: its id, its space, where it is in it, whether it is a folder, a file's type and size. */
	public record Hit(UUID id, Space space, DavPath path, boolean folder, String contentType, long size) {
	}

	/**
	 * The file with this id if it lies, outside the trash, in a space the person sees as a whole; empty
	 * for a folder, a trashed file, another school's or a space the person does not see, alike.
	 */
	public Optional<Hit> file(SchulhausUser person, UUID id) {
		if (person.schoolId() == null || id == null) {
			return Optional.empty();
		}
		Map<UUID, Space> visible = new HashMap<>();
		spaces.visibleTo(person).forEach(s -> visible.put(s.id(), s));
		return jdbc.sql("select id, parent_id, name, kind, owner_id, content_type, size_bytes from file_node where school_id = :school "
				+ "and id = :id and kind = 'file' and parent_id is not null and trashed_at is null")
			.param("school", person.schoolId()).param("id", id)
			.query(FileSearch::found).optional()
			.filter(node -> visible.containsKey(node.owner()))
			.flatMap(node -> path(visible.get(node.owner()), node).map(path -> hit(visible.get(node.owner()), path, node)));
	}

	/**
	 * The file with this id if it lies, outside the trash, in this space (for a module that checked the reader's right
	 * to what points at the file itself, such as a chat room's members reading a message's attachment).
	 */
	public Optional<Hit> fileIn(Space space, UUID id) {
		if (id == null) {
			return Optional.empty();
		}
		return jdbc.sql("select id, parent_id, name, kind, owner_id, content_type, size_bytes from file_node where school_id = :school "
				+ "and owner_id = :space and id = :id and kind = 'file' and parent_id is not null and trashed_at is null")
			.param("school", space.schoolId()).param("space", space.id()).param("id", id)
			.query(FileSearch::found).optional()
			.flatMap(node -> path(space, node).map(path -> hit(space, path, node)));
	}

	public List<Hit> byName(SchulhausUser person, String query, int limit) {
		if (person.schoolId() == null || query == null || query.isBlank() || limit <= 0) {
			return List.of();
		}
		Map<UUID, Space> visible = new HashMap<>();
		spaces.visibleTo(person).forEach(s -> visible.put(s.id(), s));
		// a few more than asked: some may lie below something in the trash
		List<Found> found = jdbc.sql("select id, parent_id, name, kind, owner_id, content_type, size_bytes from file_node where school_id = :school "
				+ "and owner_id in (:spaces) and parent_id is not null and trashed_at is null and " + SystemFiles.SHOWN_SQL + " "
				+ "and lower(name) like :pattern escape '\\' order by lower(name), id limit :limit")
			.param("school", person.schoolId()).param("spaces", visible.keySet())
			.param("pattern", "%" + escape(query.strip().toLowerCase(Locale.ROOT)) + "%").param("limit", limit * 2)
			.query(FileSearch::found).list();
		List<Hit> hits = new ArrayList<>();
		for (Found node : found) {
			if (hits.size() == limit) {
				break;
			}
			Space space = visible.get(node.owner());
			path(space, node).ifPresent(path -> hits.add(hit(space, path, node)));
		}
		return hits;
	}

	private record Found(UUID id, UUID parentId, String name, boolean folder, UUID owner, String contentType, long size) {
	}

	private static Found found(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Found(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), "folder".equals(rs.getString(4)),
				rs.getObject(5, UUID.class), rs.getString(6), rs.getLong(7));
	}

	private static Hit hit(Space space, DavPath path, Found node) {
		return new Hit(node.id(), space, path, node.folder(), node.contentType(), node.size());
	}

	private Optional<DavPath> path(Space space, Found node) {
		List<String> names = new ArrayList<>();
		names.add(node.name());
		UUID at = node.parentId();
		for (int depth = 0; depth < 1000; depth++) {
			if (at.equals(space.id())) {
				return Optional.of(new DavPath(names));
			}
			Optional<FileNode> folder = nodes.byId(space.schoolId(), space.id(), at);
			if (folder.isEmpty() || folder.get().parentId() == null) {
				return Optional.empty();
			}
			names.add(0, folder.get().name());
			at = folder.get().parentId();
		}
		return Optional.empty();
	}

	static String escape(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}
}
