package de.schulhaus.files.internal;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * Links for people without an account: to download a file or a folder, or to drop files into a folder
 * without seeing what is in it ({@code uploadOnly}), with an optional password, expiry date and number
 * of downloads. Whoever may change a space may make links to what is in it, pupils only where the
 * school allows it. A link that expired, ran out or whose item went to the trash is not found.
 */
@Service
public class Links {

	private static final ZoneId SCHOOL_TIME = ZoneId.of("Europe/Berlin");
	private static final SecureRandom RANDOM = new SecureRandom();
	private static final int WRONG_PASSWORDS_ALLOWED = 10;

	private final JdbcClient jdbc;
	private final FileNodes nodes;
	private final Spaces spaces;
	private final PasswordEncoder passwords;
	private final AuditLog audit;
	private final SpaceKinds kinds;
	private final Cache<String, AtomicInteger> wrongPasswords = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(15))
		.maximumSize(100_000).build();

	Links(JdbcClient jdbc, FileNodes nodes, Spaces spaces, PasswordEncoder passwords, AuditLog audit, SpaceKinds kinds) {
		this.kinds = kinds;
		this.jdbc = jdbc;
		this.nodes = nodes;
		this.spaces = spaces;
		this.passwords = passwords;
		this.audit = audit;
	}

	/** A link as its maker lists it. */
	public record Link(UUID id, UUID nodeId, String token, boolean uploadOnly, boolean hasPassword, Instant expires, Integer maxDownloads,
			int downloads, UUID createdBy, Instant created) {
	}

	/** An open link: what it shows, as a space of which only the linked item is seen. */
	public record Opened(Link link, Space space, boolean folder) {
	}

	/**
	 * Makes a link to the item at {@code path}.
	 *
	 * @param expires the last day the link works (school time), null for no end
	 * @param maxDownloads how many downloads it allows, null for no limit
	 */
	@Transactional
	public Link create(SpaceFiles files, DavPath path, boolean uploadOnly, String password, LocalDate expires, Integer maxDownloads,
			SchulhausUser actor) {
		Space space = files.space();
		if (!space.writable() || !space.whole() || path.isRoot()) {
			throw new DavException(403, "Only what is in a space you may change can be linked.");
		}
		if ((actor.role() == Role.PUPIL || actor.role() == Role.EXTERN) && !spaces.pupilsMayLink(space.schoolId())) {
			throw new LinkRefused("files.link.error.pupils");
		}
		FileNode node = files.node(path).orElseThrow(() -> new DavException(404, "Nothing is at " + path + "."));
		if (uploadOnly && !node.folder()) {
			throw new LinkRefused("files.link.error.uploadNeedsFolder");
		}
		if (password != null && !password.isEmpty() && password.length() < 8) {
			throw new LinkRefused("files.link.error.password");
		}
		if (expires != null && expires.isBefore(LocalDate.now(SCHOOL_TIME))) {
			throw new LinkRefused("files.link.error.expires");
		}
		if (maxDownloads != null && (maxDownloads < 1 || maxDownloads > 1_000_000)) {
			throw new LinkRefused("files.link.error.downloads");
		}
		UUID id = Ids.newId();
		byte[] secret = new byte[18];
		RANDOM.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		jdbc.sql("insert into file_link (id, school_id, space_id, node_id, token, upload_only, password_hash, expires_at, max_downloads, "
				+ "downloads, created_by, created_at) values (:id, :school, :space, :node, :token, :upload, :password, :expires, :max, 0, :by, :now)")
			.param("id", id).param("school", space.schoolId()).param("space", space.id()).param("node", node.id()).param("token", token)
			.param("upload", uploadOnly).param("password", password == null || password.isEmpty() ? null : passwords.encode(password))
			// the link works through the whole last day
			.param("expires", expires == null ? null : FileNodes.time(expires.plusDays(1).atStartOfDay(SCHOOL_TIME).toInstant()))
			.param("max", maxDownloads).param("by", actor.accountId()).param("now", FileNodes.time(Instant.now()))
			.update();
		audit.record(actor, "files.link.created", "link:" + id, node.name() + (uploadOnly ? " (upload only)" : ""));
		return find(space.schoolId(), id).orElseThrow();
	}

	public List<Link> linksOf(SpaceFiles files, DavPath path) {
		Space space = files.space();
		FileNode node = files.node(path).orElseThrow(() -> new DavException(404, "Nothing is at " + path + "."));
		return jdbc.sql("select " + COLUMNS + " from file_link where school_id = :school and space_id = :space and node_id = :node order by created_at")
			.param("school", space.schoolId()).param("space", space.id()).param("node", node.id()).query(Links::link).list();
	}

	@Transactional
	public void remove(SpaceFiles files, UUID linkId, SchulhausUser actor) {
		Space space = files.space();
		if (!space.writable() || !space.whole()) {
			throw new NotFoundException("link");
		}
		int removed = jdbc.sql("delete from file_link where id = :id and school_id = :school and space_id = :space")
			.param("id", linkId).param("school", space.schoolId()).param("space", space.id()).update();
		if (removed == 0) {
			throw new NotFoundException("link");
		}
		audit.record(actor, "files.link.removed", "link:" + linkId, null);
	}

	/** The link behind a token, if it still works. */
	public Optional<Opened> open(String token) {
		if (token == null || token.length() != 24) {
			return Optional.empty();
		}
		return jdbc.sql("select " + COLUMNS + ", school_id, space_id from file_link where token = :token").param("token", token)
			.query((rs, n) -> new Object[] { link(rs, n), rs.getObject(11, UUID.class), rs.getObject(12, UUID.class) })
			.optional()
			.flatMap(row -> {
				Link link = (Link) row[0];
				UUID school = (UUID) row[1];
				UUID spaceId = (UUID) row[2];
				if (link.expires() != null && link.expires().isBefore(Instant.now())
						|| link.maxDownloads() != null && link.downloads() >= link.maxDownloads()) {
					return Optional.empty();
				}
				return nodes.byId(school, spaceId, link.nodeId())
					.filter(node -> node.parentId() != null && nodes.inTree(school, spaceId, node.parentId()))
					.map(node -> new Opened(link, new Space(spaceId, school, kinds.of(school, spaceId), node.name(), "link", link.uploadOnly(),
							false, null, node.id()), node.folder()));
			});
	}

	/** Checks a link's password; after ten wrong ones in 15 minutes the link refuses every password for a while. */
	public boolean passwordMatches(Opened opened, String password) {
		AtomicInteger wrong = wrongPasswords.get(opened.link().token(), t -> new AtomicInteger());
		if (wrong.get() >= WRONG_PASSWORDS_ALLOWED || password == null) {
			return false;
		}
		String hash = jdbc.sql("select password_hash from file_link where id = :id").param("id", opened.link().id()).query(String.class)
			.optional().orElse(null);
		boolean matches = hash != null && passwords.matches(password, hash);
		if (!matches) {
			wrong.incrementAndGet();
		}
		return matches;
	}

	/** Counts a download; false when the link ran out meanwhile (another download took the last one). */
	public boolean countDownload(Opened opened) {
		return jdbc.sql("update file_link set downloads = downloads + 1 where id = :id and (max_downloads is null or downloads < max_downloads)")
			.param("id", opened.link().id()).update() == 1;
	}

	private Optional<Link> find(UUID school, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from file_link where id = :id and school_id = :school").param("id", id).param("school", school)
			.query(Links::link).optional();
	}

	private static final String COLUMNS = "id, node_id, token, upload_only, password_hash, expires_at, max_downloads, downloads, created_by, created_at";

	private static Link link(ResultSet rs, int n) throws SQLException {
		OffsetDateTime expires = rs.getObject(6, OffsetDateTime.class);
		int max = rs.getInt(7);
		Integer maxDownloads = rs.wasNull() ? null : max;
		return new Link(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getBoolean(4), rs.getString(5) != null,
				expires == null ? null : expires.toInstant(), maxDownloads, rs.getInt(8), rs.getObject(9, UUID.class),
				rs.getObject(10, OffsetDateTime.class).toInstant());
	}

	/** A link the rules do not allow; the message key says why, in the person's language. */
	public static final class LinkRefused extends RuntimeException {

		private final String messageKey;

		LinkRefused(String messageKey) {
			super(messageKey);
			this.messageKey = messageKey;
		}

		public String messageKey() {
			return messageKey;
		}
	}
}
