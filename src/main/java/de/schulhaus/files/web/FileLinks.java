package de.schulhaus.files.web;

import de.schulhaus.dav.DavPath;
import de.schulhaus.files.internal.Space;

/** The browser's address of a file's details, for the module's API: the same as the search and the folder list link to. */
public final class FileLinks {

	private FileLinks() {
	}

	/** {@code /dateien/<space>/details?pfad=/a/b.pdf}, relative to the platform's address. */
	public static String details(Space space, DavPath path) {
		return FileLocation.url(FileBrowserSpaces.urlKey(space), "details", path);
	}

	/** The path of a {@code pfad} query parameter of a file's address; empty for one no file can have. */
	public static java.util.Optional<DavPath> path(String pfad) {
		try {
			return java.util.Optional.of(FileLocation.parse(pfad));
		} catch (de.schulhaus.platform.NotFoundException e) {
			return java.util.Optional.empty();
		}
	}
}
