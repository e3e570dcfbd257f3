package de.schulhaus.platform;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import de.schulhaus.platform.internal.AppSwitchRepository;

/**
 * The apps a person may use: every {@link AppTile} bean whose roles include theirs, minus the
 * feature apps their school has switched off for their role. Applied to the sidebar, the phone's
 * tab bar, the dashboard, the search and to the app's paths (403). Switches are stored per school
 * (only what is off: an app installed later is on until the school switches it off) and cached
 * for {@link #CACHED}, so another node sees a change within that time.
 */
@Service
public class Apps {

	/** The roles of a school that a switch applies to. */
	public static final List<Role> SWITCHABLE_ROLES = List.of(Role.TEACHER, Role.STAFF, Role.PUPIL, Role.EXTERN, Role.SCHOOL_ADMIN);
	static final Duration CACHED = Duration.ofSeconds(30);

	private final List<AppTile> tiles;
	private final List<AppTile> switchable;
	private final AppSwitchRepository repository;
	private final AuditLog audit;
	private final LoadingCache<UUID, Set<Switch>> switchedOff;

	Apps(List<AppTile> tiles, AppSwitchRepository repository, AuditLog audit) {
		this.tiles = tiles.stream().sorted(Comparator.comparingInt(AppTile::order)).toList();
		this.switchable = this.tiles.stream().filter(AppTile::switchable).toList();
		this.repository = repository;
		this.audit = audit;
		this.switchedOff = Caffeine.newBuilder().expireAfterWrite(CACHED).maximumSize(10_000).build(repository::switchedOff);
	}

	/** The person's apps, in sidebar order. */
	public List<AppTile> of(SchulhausUser person) {
		if (person == null) {
			return List.of();
		}
		Set<Switch> off = switchedOffFor(person);
		return tiles.stream().filter(t -> t.visibleTo(person) && !off.contains(new Switch(t.key(), person.role()))).toList();
	}

	/**
	 * Whether the person may use the app with this key: {@code true} for a key no tile has (nothing
	 * to switch) and for {@code null}; for cards and search results that belong to an app.
	 */
	public boolean isOn(SchulhausUser person, String appKey) {
		if (appKey == null || tiles.stream().noneMatch(t -> t.key().equals(appKey))) {
			return true;
		}
		return of(person).stream().anyMatch(t -> t.key().equals(appKey));
	}

	/** The switched-off app whose path this is, if the person's school switched it off for their role. */
	public Optional<AppTile> switchedOffAt(SchulhausUser person, String path) {
		List<AppTile> candidates = switchable.stream().filter(t -> t.covers(path)).toList();
		if (candidates.isEmpty() || person == null || person.schoolId() == null) {
			return Optional.empty();
		}
		Set<Switch> off = switchedOffFor(person);
		return candidates.stream().filter(t -> off.contains(new Switch(t.key(), person.role()))).findFirst();
	}

	/** Whether any switchable app's paths include this one: a check without a query. */
	public boolean isAppPath(String path) {
		return switchable.stream().anyMatch(t -> t.covers(path));
	}

	/** The feature apps a school may switch, in sidebar order. */
	public List<AppTile> switchable() {
		return switchable;
	}

	/** The roles a switch of this app applies to: the school's roles the tile is meant for. */
	public static List<Role> rolesOf(AppTile tile) {
		return SWITCHABLE_ROLES.stream().filter(r -> tile.roles().isEmpty() || tile.roles().contains(r)).toList();
	}

	public Set<Switch> switchedOff(UUID schoolId) {
		return switchedOff.get(schoolId);
	}

	/**
	 * Replaces the school's switches: exactly these apps are off for these roles. Switches of apps
	 * that are not switchable, or for roles the app is not meant for, are ignored.
	 */
	public void setSwitchedOff(SchulhausUser admin, Set<Switch> off) {
		Tenancy.requireSchoolAdmin(admin, admin.schoolId(), "school");
		Set<Switch> valid = Set.copyOf(off.stream().filter(this::isValid).toList());
		repository.replace(admin.schoolId(), valid);
		switchedOff.invalidate(admin.schoolId());
		audit.record(admin, "apps.switched", admin.schoolId().toString(),
				valid.stream().map(s -> s.appKey() + ":" + s.role()).sorted().toList().toString());
	}

	private boolean isValid(Switch s) {
		return switchable.stream().anyMatch(t -> t.key().equals(s.appKey()) && rolesOf(t).contains(s.role()));
	}

	private Set<Switch> switchedOffFor(SchulhausUser person) {
		return person.schoolId() == null || switchable.isEmpty() ? Set.of() : switchedOff.get(person.schoolId());
	}

	/** An app switched off for one role at a school. */
	public record Switch(String appKey, Role role) {
	}
}
