package de.schulhaus.files.internal;

import java.util.Locale;
import java.util.Set;

import de.schulhaus.dav.DavResource;

/**
 * Files that desktops write beside people's own: macOS Finder's AppleDouble companions ({@code ._name})
 * and {@code .DS_Store}, Windows Explorer's {@code Thumbs.db} and {@code desktop.ini}. They are stored and
 * served over WebDAV like any file (Finder needs them back) and count to the quota, but the browser's
 * views, the search, the activity list, ZIP downloads and "Mit mir geteilt" leave them out.
 */
public final class SystemFiles {

	private static final Set<String> NAMES = Set.of(".ds_store", "thumbs.db", "desktop.ini");

	/** The same rule as SQL, for a query over {@code file_node.name}: true where the name is not one of them. */
	static final String SHOWN_SQL = "not (name like '.\\_%' escape '\\' or lower(name) in ('.ds_store', 'thumbs.db', 'desktop.ini'))";

	private SystemFiles() {
	}

	public static boolean hidden(String name) {
		return name != null && (name.startsWith("._") || NAMES.contains(name.toLowerCase(Locale.ROOT)));
	}

	public static boolean hidden(DavResource resource) {
		return !resource.path().isRoot() && hidden(resource.path().name());
	}
}
