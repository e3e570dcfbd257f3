package de.schulhaus.files.web;

import java.util.List;

import org.springframework.stereotype.Component;

import de.schulhaus.files.internal.Shares;
import de.schulhaus.files.internal.SpaceFiles;
import de.schulhaus.files.internal.SpaceKind;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The one place where the browser turns a space key of its URLs into a tree: {@code meine} is the
 * person's own space, {@code Schule} and {@code Verwaltung} the school's and the office's, a group's
 * space goes by the group's id, something shared with the person by {@code geteilt-<id>}. Who may see
 * and change what is decided by {@link Spaces}; an unknown key (or another school's) answers 404 like
 * any path nobody has.
 */
@Component
class FileBrowserSpaces {

	static final String PERSONAL = Spaces.PERSONAL_KEY;

	private final Spaces spaces;
	private final Shares shares;

	FileBrowserSpaces(Spaces spaces, Shares shares) {
		this.spaces = spaces;
		this.shares = shares;
	}

	Space open(SchulhausUser user, String key) {
		if (user == null || user.schoolId() == null) {
			throw new NotFoundException("file space");
		}
		de.schulhaus.files.internal.Space space = spaces.find(user, key).orElseThrow(() -> new NotFoundException("file space"));
		return of(space, spaces.open(space));
	}

	/** The spaces to offer in the list beside the folders: the person's own, the shared ones, then what others shared with them. */
	List<Entry> list(SchulhausUser user) {
		if (user == null || user.schoolId() == null) {
			return List.of();
		}
		List<Entry> entries = new java.util.ArrayList<>();
		spaces.visibleTo(user).forEach(s -> entries.add(new Entry(urlKey(s), title(s), s.kind().name().toLowerCase(java.util.Locale.ROOT), false)));
		shares.sharedWith(user).forEach(s -> entries.add(new Entry(urlKey(s), title(s), "shared", true)));
		return entries;
	}

	/**
	 * Who else changes the space, for those who decide it: whether pupils change a group's files, or
	 * teachers and staff the school's; null where the person decides nothing.
	 */
	Writers writers(Space space) {
		de.schulhaus.files.internal.Space s = space.space();
		if (!s.manageable() || !s.whole() || (s.kind() != SpaceKind.GROUP && s.kind() != SpaceKind.SCHOOL)) {
			return null;
		}
		return new Writers(s.kind() == SpaceKind.GROUP ? "pupils" : "teachers", spaces.othersWrite(s),
				FileLocation.url(space.key(), "schreibrechte", de.schulhaus.dav.DavPath.ROOT));
	}

	/** The switch of who else writes: {@code pupils} or {@code teachers}, its state, where it is posted. */
	record Writers(String who, boolean allowed, String action) {
	}

	private static Space of(de.schulhaus.files.internal.Space space, SpaceFiles files) {
		return new Space(urlKey(space), space.kind() == SpaceKind.PERSONAL && space.whole() ? "files.space.personal" : null, title(space),
				files, space.writable(), space);
	}

	/** Names with spaces and umlauts make poor addresses: a group's space goes by its id. */
	static String urlKey(de.schulhaus.files.internal.Space space) {
		return space.whole() && space.kind() == SpaceKind.GROUP ? space.id().toString() : space.key();
	}

	private static String title(de.schulhaus.files.internal.Space space) {
		return space.name();
	}

	/**
	 * An opened space for one request.
	 *
	 * @param key its name in URLs
	 * @param titleKey message key of its title ("Meine Dateien"), null where {@code name} is the title
	 * @param name its title as it is called (a group's name, a shared folder's name)
	 * @param repository its tree, with the same rules as over WebDAV
	 * @param writable whether the person may change it
	 * @param space what it is, for versions, the trash and sharing
	 */
	record Space(String key, String titleKey, String name, SpaceFiles repository, boolean writable, de.schulhaus.files.internal.Space space) {
	}

	/** A space in the list: its address key, its title, what kind it is, whether someone shared it. */
	record Entry(String key, String name, String kind, boolean shared) {
	}
}
