package de.schulhaus.contacts;

import org.springframework.stereotype.Service;

import de.schulhaus.contacts.internal.Directory;
import de.schulhaus.platform.SchulhausUser;

/** The school's directory for other modules: what a person may see of it, by the same rule as the CardDAV directory. */
@Service
public class SchoolDirectory {

	private final Directory directory;

	SchoolDirectory(Directory directory) {
		this.directory = directory;
	}

	/** Whom and which groups the person sees (for a person without a school: only themselves). */
	public DirectoryVisibility visibleTo(SchulhausUser viewer) {
		return directory.visibility(viewer);
	}
}
