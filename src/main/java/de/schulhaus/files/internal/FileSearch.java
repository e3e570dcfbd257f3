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

	/** A file or folder found: its space, where it is in it, whether it is a folder. */
	public record Hit(Space space, DavPath path, boolean folder) {
	}

	public List<Hit> byName(SchulhausUser person, String query, int limit) {
		if (person.schoolId() == null || query == null || query.isBlank() || limit <= 0) {
			return List.of();
		}
		Map<UUID, Space> visible = new HashMap<>();
		spaces.visibleTo(person).forEach(s -> visible.put(s.id(), s));
		// a few more than asked: some may lie below something in the trash
		List<Found> found = jdbc.sql("select id, parent_id, name, kind, owner_id from file_node where school_id = :school "
				+ "and owner_id in (:spaces) and parent_id is not null and trashed_at is null "
				+ "and lower(name) like :pattern escape '\\' order by lower(name), id limit :limit")
			.param("school", person.schoolId()).param("spaces", visible.keySet())
			.param("pattern", "%" + escape(query.strip().toLowerCase(Locale.ROOT)) + "%").param("limit", limit * 2)
			.query((rs, n) -> new Found(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					"folder".equals(rs.getString(4)), rs.getObject(5, UUID.class)))
			.list();
		List<Hit> hits = new ArrayList<>();
		for (Found node : found) {
			if (hits.size() == limit) {
				break;
			}
			Space space = visible.get(node.owner());
			path(space, node).ifPresent(path -> hits.add(new Hit(space, path, node.folder())));
		}
		return hits;
	}

	private record Found(UUID id, UUID parentId, String name, boolean folder, UUID owner) {
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
