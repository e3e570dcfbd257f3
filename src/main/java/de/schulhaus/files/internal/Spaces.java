package de.schulhaus.files.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Membership;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.dav.DavLockCheck;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * The spaces a person may use, and what they may do in each:
 * <ul>
 * <li>"Meine Dateien": only the person.</li>
 * <li>a group's space: the group's members; teachers and staff of the group change files, pupils and
 * people from outside as the group's teachers set it (yes by default); nobody changes an archived group's files.</li>
 * <li>the school space: everyone of the school reads; school admins change files, teachers and staff as the school sets it (yes by default).</li>
 * <li>the office space: staff and school admins only.</li>
 * </ul>
 * A space somebody may not see is not found, exactly like one that does not exist.
 */
@Service
public class Spaces {

	public static final String PERSONAL_KEY = "meine";
	static final String SCHOOL_KEY = "Schule";
	static final String OFFICE_KEY = "Verwaltung";

	private final JdbcClient jdbc;
	private final GroupManagement groups;
	private final FileNodes nodes;
	private final FileProperties properties;
	private final FileWrites writes;
	private final StorageQuotas quotas;
	private final AuditLog audit;
	private final FileHistory history;
	private final Shares shares;
	private final FileActivity activity;
	private final de.schulhaus.accounts.AccountManagement accounts;
	private final DavLockCheck lockCheck;

	Spaces(JdbcClient jdbc, GroupManagement groups, FileNodes nodes, FileProperties properties, FileWrites writes, StorageQuotas quotas,
			AuditLog audit, FileHistory history, Shares shares, FileActivity activity, de.schulhaus.accounts.AccountManagement accounts,
			DavLockCheck lockCheck) {
		this.lockCheck = lockCheck;
		this.activity = activity;
		this.accounts = accounts;
		this.history = history;
		this.shares = shares;
		this.jdbc = jdbc;
		this.groups = groups;
		this.nodes = nodes;
		this.properties = properties;
		this.writes = writes;
		this.quotas = quotas;
		this.audit = audit;
	}

	/** "Meine Dateien" of a person of a school. */
	public Space personal(SchulhausUser person) {
		requireSchool(person);
		return new Space(person.accountId(), person.schoolId(), SpaceKind.PERSONAL, "Meine Dateien", PERSONAL_KEY, true, false, person.accountId());
	}

	/** "Meine Dateien" of an account of a school, to read a file another module refers to (never writable this way). */
	public Space personal(UUID schoolId, UUID accountId) {
		return new Space(accountId, schoolId, SpaceKind.PERSONAL, "Meine Dateien", PERSONAL_KEY, false, false, accountId);
	}

	/** Every space the person sees: their own first, then the school's, the office's, their groups' by name. */
	public List<Space> visibleTo(SchulhausUser person) {
		requireSchool(person);
		List<Space> spaces = new ArrayList<>();
		spaces.add(personal(person));
		spaces.addAll(shared(person));
		return spaces;
	}

	/** The spaces a person shares with others (school, office, groups), each with a distinct {@link Space#key}. */
	public List<Space> shared(SchulhausUser person) {
		requireSchool(person);
		UUID school = person.schoolId();
		Map<UUID, Settings> settings = settings(school);
		List<Space> spaces = new ArrayList<>();
		Role role = person.role();
		boolean admin = role == Role.SCHOOL_ADMIN;
		Settings schoolSettings = settings.getOrDefault(school, Settings.DEFAULT);
		boolean staffOrTeacher = role == Role.TEACHER || role == Role.STAFF;
		spaces.add(new Space(school, school, SpaceKind.SCHOOL, SCHOOL_KEY, SCHOOL_KEY, admin || (staffOrTeacher && schoolSettings.teachersWrite()), admin,
				person.accountId()));
		if (admin || role == Role.STAFF) {
			spaces.add(new Space(Space.officeId(school), school, SpaceKind.OFFICE, OFFICE_KEY, OFFICE_KEY, true, false, person.accountId()));
		}
		Map<UUID, Group> all = groups.list(school).stream().collect(Collectors.toMap(Group::id, Function.identity()));
		List<Membership> memberships = groups.groupsOf(school, person.accountId()).stream()
			.filter(m -> all.containsKey(m.groupId()))
			.sorted((a, b) -> a.groupName().compareToIgnoreCase(b.groupName()))
			.toList();
		Set<String> taken = new HashSet<>();
		spaces.forEach(s -> taken.add(s.key().toLowerCase(Locale.ROOT)));
		Map<String, Long> names = new HashMap<>();
		memberships.forEach(m -> names.merge(key(m.groupName()).toLowerCase(Locale.ROOT), 1L, Long::sum));
		for (Membership membership : memberships) {
			Group group = all.get(membership.groupId());
			boolean pupil = role == Role.PUPIL || role == Role.EXTERN;
			boolean pupilsWrite = settings.getOrDefault(group.id(), Settings.DEFAULT).pupilsWrite();
			boolean writable = !group.archived() && (!pupil || pupilsWrite);
			boolean manageable = !group.archived() && !pupil && (membership.leader() || admin);
			String key = key(group.name());
			if (names.get(key.toLowerCase(Locale.ROOT)) > 1 || taken.contains(key.toLowerCase(Locale.ROOT))) {
				key = key + " (" + group.kind().name().toLowerCase(Locale.ROOT) + ")";
			}
			taken.add(key.toLowerCase(Locale.ROOT));
			spaces.add(new Space(group.id(), school, SpaceKind.GROUP, group.name(), key, writable, manageable, person.accountId()));
		}
		return spaces;
	}

	/** A space by its key, {@link #PERSONAL_KEY} or id, if the person sees it. */
	public Optional<Space> find(SchulhausUser person, String keyOrId) {
		if (person.schoolId() == null || keyOrId == null) {
			return Optional.empty();
		}
		if (PERSONAL_KEY.equals(keyOrId)) {
			return Optional.of(personal(person));
		}
		if (keyOrId.startsWith(Shares.KEY_PREFIX)) {
			return shares.find(person, keyOrId);
		}
		return visibleTo(person).stream()
			.filter(s -> s.key().equalsIgnoreCase(keyOrId) || s.id().toString().equalsIgnoreCase(keyOrId))
			.findFirst();
	}

	/** The space's tree for one request of a page, an upload or a link: a file a WebDAV client locked stays as it is (423). */
	public SpaceFiles open(Space space) {
		return new SpaceFiles(space, nodes, properties, writes, quotas, history, lockCheck);
	}

	/** The space's tree for the WebDAV engine, which checks locks itself against the tokens the client sent. */
	public SpaceFiles openForWebDav(Space space) {
		return new SpaceFiles(space, nodes, properties, writes, quotas, history, null);
	}

	/** Sets whether pupils change a group's files (the group's teachers, school admins), or teachers the school's (school admins). */
	@Transactional
	public void setWriters(SchulhausUser person, String keyOrId, boolean othersWrite) {
		Space space = find(person, keyOrId).filter(Space::manageable).orElseThrow(() -> new NotFoundException("space"));
		Settings current = settings(space.schoolId()).getOrDefault(space.id(), Settings.DEFAULT);
		Settings next = space.kind() == SpaceKind.GROUP ? new Settings(othersWrite, current.teachersWrite())
				: new Settings(current.pupilsWrite(), othersWrite);
		int updated = jdbc.sql("update file_space set pupils_write = :pupils, teachers_write = :teachers, updated_at = :now "
				+ "where id = :id and school_id = :school")
			.param("pupils", next.pupilsWrite()).param("teachers", next.teachersWrite()).param("now", FileNodes.time(Instant.now()))
			.param("id", space.id()).param("school", space.schoolId()).update();
		if (updated == 0) {
			jdbc.sql("insert into file_space (id, school_id, kind, pupils_write, teachers_write, updated_at) "
					+ "values (:id, :school, :kind, :pupils, :teachers, :now)")
				.param("id", space.id()).param("school", space.schoolId()).param("kind", space.kind().name().toLowerCase(Locale.ROOT))
				.param("pupils", next.pupilsWrite()).param("teachers", next.teachersWrite()).param("now", FileNodes.time(Instant.now()))
				.update();
		}
		audit.record(person, "files.space.writers", space.kind().name().toLowerCase(Locale.ROOT) + ":" + space.id(),
				(space.kind() == SpaceKind.GROUP ? "pupils write: " : "teachers write: ") + othersWrite);
	}

	/** Whether the others of a space change its files: pupils in a group's space, teachers and staff in the school's. */
	public boolean othersWrite(Space space) {
		Settings current = settings(space.schoolId()).getOrDefault(space.id(), Settings.DEFAULT);
		return space.kind() == SpaceKind.GROUP ? current.pupilsWrite() : current.teachersWrite();
	}

	/** One line of a person's activity list, ready to show. */
	public record ActivityLine(String spaceName, String spaceKey, String actorName, String action, String name, int count, Instant at) {
	}

	/**
	 * What happened lately in the spaces the person sees as a whole (their own, the school's, the
	 * office's, their groups'), newest first, grouped.
	 */
	public List<ActivityLine> activity(SchulhausUser person, int limit) {
		Map<UUID, Space> visible = new java.util.LinkedHashMap<>();
		visibleTo(person).forEach(s -> visible.put(s.id(), s));
		List<FileActivity.Line> recent = activity.recent(person.schoolId(), visible.keySet(), limit);
		Map<UUID, String> names = accounts.names(person.schoolId(), recent.stream().map(FileActivity.Line::actorId).toList());
		List<ActivityLine> lines = new ArrayList<>();
		for (FileActivity.Line line : recent) {
			String actor = line.actorId() == null ? null : names.get(line.actorId());
			Space space = visible.get(line.spaceId());
			lines.add(new ActivityLine(space.name(), space.key(), actor, line.action().column(), line.name(), line.count(), line.at()));
		}
		return lines;
	}

	/** Whether pupils and people from outside may make links for people without an account (yes unless the school's admins said no). */
	public boolean pupilsMayLink(UUID school) {
		return jdbc.sql("select pupil_links from file_space where id = :school and school_id = :school").param("school", school)
			.query(Boolean.class).optional().orElse(true);
	}

	/** School admins decide whether pupils may make links. */
	@Transactional
	public void setPupilsMayLink(SchulhausUser admin, boolean allowed) {
		if (admin.role() != Role.SCHOOL_ADMIN || admin.schoolId() == null) {
			throw new NotFoundException("setting");
		}
		UUID school = admin.schoolId();
		int updated = jdbc.sql("update file_space set pupil_links = :allowed, updated_at = :now where id = :school and school_id = :school")
			.param("allowed", allowed).param("now", FileNodes.time(Instant.now())).param("school", school).update();
		if (updated == 0) {
			jdbc.sql("insert into file_space (id, school_id, kind, pupils_write, teachers_write, pupil_links, updated_at) "
					+ "values (:school, :school, 'school', true, true, :allowed, :now)")
				.param("school", school).param("allowed", allowed).param("now", FileNodes.time(Instant.now())).update();
		}
		audit.record(admin, "files.links.pupils", "school:" + school, "pupils may make links: " + allowed);
	}

	/** A group name as an address segment: no slash, which no client would send unencoded and the firewall refuses encoded. */
	static String key(String name) {
		return name.replace('/', '-').replace('\\', '-').strip();
	}

	private Map<UUID, Settings> settings(UUID school) {
		Map<UUID, Settings> settings = new HashMap<>();
		jdbc.sql("select id, pupils_write, teachers_write from file_space where school_id = :school").param("school", school)
			.query((java.sql.ResultSet rs) -> {
				settings.put(rs.getObject(1, UUID.class), new Settings(rs.getBoolean(2), rs.getBoolean(3)));
			});
		return settings;
	}

	private static void requireSchool(SchulhausUser person) {
		if (person.schoolId() == null) {
			throw new NotFoundException("space");
		}
	}

	private record Settings(boolean pupilsWrite, boolean teachersWrite) {
		static final Settings DEFAULT = new Settings(true, true);
	}
}
