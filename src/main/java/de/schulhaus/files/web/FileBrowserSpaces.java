package de.schulhaus.files.web;

import org.springframework.stereotype.Component;

import de.schulhaus.dav.DavRepository;
import de.schulhaus.files.internal.PersonalSpaces;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The one place where the browser turns a space key of its URLs into a tree: {@code meine} is the
 * person's own space. Group, school and office spaces join here; an unknown key (or another
 * school's) answers 404 like any path nobody has.
 */
@Component
class FileBrowserSpaces {

	static final String PERSONAL = "meine";

	private final PersonalSpaces personal;

	FileBrowserSpaces(PersonalSpaces personal) {
		this.personal = personal;
	}

	Space open(SchulhausUser user, String key) {
		if (user == null || user.schoolId() == null) {
			throw new NotFoundException("file space");
		}
		if (PERSONAL.equals(key)) {
			return new Space(PERSONAL, "files.space.personal", personal.of(user), true);
		}
		throw new NotFoundException("file space");
	}

	/**
	 * An opened space for one request.
	 *
	 * @param key its name in URLs
	 * @param titleKey message key of its title ("Meine Dateien")
	 * @param repository its tree, with the same rules as over WebDAV
	 * @param writable whether the person may change it
	 */
	record Space(String key, String titleKey, DavRepository repository, boolean writable) {
	}
}
