package de.schulhaus.files.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Membership;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.SchulhausUser;

/**
 * Files and folders shared with people or groups of the same school. Whoever may change a space may
 * share what is in it, to read or to change; the people it is shared with see it under "Mit mir
 * geteilt" as a space of its own that shows only the shared item ({@link Space#root()}), under the key
 * {@code geteilt-<item id>} (one however often it is shared with them). Sharing tells them under the bell.
 */
@Service
public class Shares {

	static final String KEY_PREFIX = "geteilt-";

	private final JdbcClient jdbc;
	private final FileNodes nodes;
	private final AccountManagement accounts;
	private final GroupManagement groups;
	private final AuditLog audit;
	private final SpaceKinds kinds;
	private final FileActivity activity;
	private final Notifications notifications;

	Shares(JdbcClient jdbc, FileNodes nodes, AccountManagement accounts, GroupManagement groups, AuditLog audit, SpaceKinds kinds,
			FileActivity activity, Notifications notifications) {
		this.activity = activity;
		this.notifications = notifications;
		this.kinds = kinds;
		this.jdbc = jdbc;
		this.nodes = nodes;
		this.accounts = accounts;
		this.groups = groups;
		this.audit = audit;
	}

	public enum GranteeKind {
		PERSON, GROUP;

		String column() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** A share as its owner's side lists it. */
	public record Share(UUID id, UUID nodeId, GranteeKind granteeKind, UUID granteeId, boolean mayWrite, UUID createdBy, Instant created) {
	}

	/**
	 * Shares the item at {@code path} of the caller's space with a person or group of the school; an
	 * existing share with them is changed. A person or group of another school is not found.
	 */
	@Transactional
	public Share share(SpaceFiles files, DavPath path, GranteeKind kind, UUID grantee, boolean mayWrite, SchulhausUser actor) {
		Space space = files.space();
		if (!space.writable() || !space.whole() || path.isRoot()) {
			throw new DavException(403, "Only what is in a space you may change can be shared.");
		}
		FileNode node = files.node(path).orElseThrow(() -> new DavException(404, "Nothing is at " + path + "."));
		if (kind == GranteeKind.PERSON) {
			accounts.find(space.schoolId(), grantee).orElseThrow(() -> new NotFoundException("person"));
			if (grantee.equals(actor.accountId())) {
				throw new DavException(409, "It is yours already.");
			}
		}
		else {
			groups.require(space.schoolId(), grantee);
		}
		int changed = jdbc.sql("update file_share set may_write = :write where school_id = :school and node_id = :node "
				+ "and grantee_kind = :kind and grantee_id = :grantee")
			.param("write", mayWrite).param("school", space.schoolId()).param("node", node.id()).param("kind", kind.column())
			.param("grantee", grantee).update();
		if (changed == 0) {
			try {
				jdbc.sql("insert into file_share (id, school_id, space_id, node_id, grantee_kind, grantee_id, may_write, created_by, created_at) "
						+ "values (:id, :school, :space, :node, :kind, :grantee, :write, :by, :now)")
					.param("id", Ids.newId()).param("school", space.schoolId()).param("space", space.id()).param("node", node.id())
					.param("kind", kind.column()).param("grantee", grantee).param("write", mayWrite).param("by", actor.accountId())
					.param("now", FileNodes.time(Instant.now())).update();
			}
			catch (DuplicateKeyException ex) {
				throw new DavException(409, "It was shared with them at the same moment.");
			}
		}
		audit.record(actor, "files.shared", kind.column() + ":" + grantee, node.name() + (mayWrite ? " (change)" : " (read)"));
		List<UUID> told = kind == GranteeKind.PERSON ? List.of(grantee)
				: groups.members(space.schoolId(), grantee).stream().map(Membership::accountId).filter(id -> !id.equals(actor.accountId())).toList();
		notifications.notifyAll(space.schoolId(), told, Notification.of("files.shared", node.folder() ? "files.notification.sharedFolder"
				: "files.notification.sharedFile", "/dateien/" + KEY_PREFIX + node.id(), actor.displayName(), node.name()));
		activity.record(space, FileActivity.Action.SHARED, node.name());
		return sharesOf(files, path).stream().filter(s -> s.granteeKind() == kind && s.granteeId().equals(grantee)).findFirst().orElseThrow();
	}

	/** Who the item at {@code path} is shared with. */
	public List<Share> sharesOf(SpaceFiles files, DavPath path) {
		Space space = files.space();
		FileNode node = files.node(path).orElseThrow(() -> new DavException(404, "Nothing is at " + path + "."));
		return jdbc.sql("select id, node_id, grantee_kind, grantee_id, may_write, created_by, created_at from file_share "
				+ "where school_id = :school and space_id = :space and node_id = :node order by created_at")
			.param("school", space.schoolId()).param("space", space.id()).param("node", node.id())
			.query(Shares::share).list();
	}

	/** Ends a share of the caller's space. */
	@Transactional
	public void unshare(SpaceFiles files, UUID shareId, SchulhausUser actor) {
		Space space = files.space();
		if (!space.writable() || !space.whole()) {
			throw new NotFoundException("share");
		}
		int removed = jdbc.sql("delete from file_share where id = :id and school_id = :school and space_id = :space")
			.param("id", shareId).param("school", space.schoolId()).param("space", space.id()).update();
		if (removed == 0) {
			throw new NotFoundException("share");
		}
		audit.record(actor, "files.unshared", "share:" + shareId, null);
	}

	/** What is shared with the person, directly or through a group, as spaces showing only the shared item; one per item. */
	public List<Space> sharedWith(SchulhausUser person) {
		if (person.schoolId() == null) {
			return List.of();
		}
		List<UUID> groupIds = groups.groupsOf(person.schoolId(), person.accountId()).stream().map(Membership::groupId).toList();
		List<Row> rows = jdbc.sql("select s.id, s.space_id, s.node_id, s.may_write, n.name, n.parent_id, s.grantee_kind, s.grantee_id "
				+ "from file_share s join file_node n on n.id = s.node_id and n.school_id = s.school_id "
				+ "where s.school_id = :school and ((s.grantee_kind = 'person' and s.grantee_id = :person) "
				+ (groupIds.isEmpty() ? "" : "or (s.grantee_kind = 'group' and s.grantee_id in (:groups))") + ") order by n.name, s.created_at")
			.param("school", person.schoolId()).param("person", person.accountId())
			.params(groupIds.isEmpty() ? java.util.Map.of() : java.util.Map.of("groups", groupIds))
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getBoolean(4),
					rs.getString(5), rs.getObject(6, UUID.class)))
			.list();
		List<Space> spaces = new ArrayList<>();
		List<UUID> seen = new ArrayList<>();
		java.util.Map<UUID, SpaceKind> kindsOf = kinds.of(person.schoolId(), rows.stream().map(Row::spaceId).distinct().toList());
		for (Row row : rows) {
			// the person's own things come back to them by their own space; an item shared twice shows once, with the wider right
			if (row.spaceId().equals(person.accountId()) || seen.contains(row.nodeId()) || SystemFiles.hidden(row.name())) {
				continue;
			}
			boolean write = rows.stream().filter(r -> r.nodeId().equals(row.nodeId())).anyMatch(Row::mayWrite);
			// in the trash, or below something that is: not shared any more until it comes back
			if (row.parentId() == null || !nodes.inTree(person.schoolId(), row.spaceId(), row.parentId())) {
				continue;
			}
			seen.add(row.nodeId());
			SpaceKind kind = kindsOf.get(row.spaceId());
			spaces.add(new Space(row.spaceId(), person.schoolId(), kind, row.name(), KEY_PREFIX + row.nodeId(), write, false,
					person.accountId(), row.nodeId()));
		}
		return spaces;
	}

	/** A space shared with the person by its key, if it still is. */
	Optional<Space> find(SchulhausUser person, String key) {
		return sharedWith(person).stream().filter(s -> s.key().equalsIgnoreCase(key)).findFirst();
	}

	private record Row(UUID shareId, UUID spaceId, UUID nodeId, boolean mayWrite, String name, UUID parentId) {
	}

	private static Share share(ResultSet rs, int n) throws SQLException {
		return new Share(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
				GranteeKind.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)), rs.getObject(4, UUID.class), rs.getBoolean(5),
				rs.getObject(6, UUID.class), rs.getObject(7, OffsetDateTime.class).toInstant());
	}
}
