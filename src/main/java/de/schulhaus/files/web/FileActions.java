package de.schulhaus.files.web;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;
import de.schulhaus.files.internal.FileChangedMeanwhile;
import de.schulhaus.files.internal.FileLocked;
import de.schulhaus.files.internal.FileNameRefused;
import de.schulhaus.files.internal.SpaceKind;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;

/**
 * What the browser does to a space, through the same {@link DavRepository} as WebDAV, so that names,
 * quotas and atomic writes follow one set of rules. Refusals become {@link InvalidInputException}s
 * with a message key, so the page says in one sentence what happened.
 */
@Service
class FileActions {

	DavResource require(FileBrowserSpaces.Space space, DavPath path) {
		return space.repository().find(path).orElseThrow(() -> new NotFoundException("file"));
	}

	DavResource requireFolder(FileBrowserSpaces.Space space, DavPath path) {
		DavResource folder = require(space, path);
		if (!folder.collection()) {
			throw new NotFoundException("folder");
		}
		return folder;
	}

	void createFolder(FileBrowserSpaces.Space space, DavPath folder, String name) {
		String trimmed = name == null ? "" : name.strip();
		writable(space);
		requireFolder(space, folder);
		DavPath target = folder.child(trimmed.isEmpty() ? " " : trimmed);
		if (!trimmed.isEmpty() && space.repository().find(target).isPresent()) {
			throw new InvalidInputException("name", "files.error.exists", trimmed);
		}
		attempt("name", () -> {
			space.repository().createCollection(folder.child(trimmed));
			return null;
		});
	}

	void rename(FileBrowserSpaces.Space space, DavPath path, String name) {
		String trimmed = name == null ? "" : name.strip();
		writable(space);
		DavResource source = require(space, path);
		if (path.isRoot() || trimmed.equals(path.name())) {
			return;
		}
		DavPath target = path.parent().child(trimmed.isEmpty() ? " " : trimmed);
		if (!trimmed.isEmpty() && space.repository().find(target).isPresent()) {
			throw new InvalidInputException("name", "files.error.exists", trimmed);
		}
		attempt("name", () -> {
			space.repository().move(source, path.parent().child(trimmed));
			return null;
		});
	}

	/** Moves or copies the named members of a folder into another folder; nothing is replaced. */
	void transfer(FileBrowserSpaces.Space space, DavPath folder, List<String> names, DavPath target, boolean copy) {
		writable(space);
		if (names.isEmpty()) {
			throw new InvalidInputException("selection", "files.error.nothingSelected");
		}
		requireFolder(space, target);
		List<DavResource> sources = names.stream().map(name -> require(space, folder.child(name))).toList();
		for (DavResource source : sources) {
			DavPath to = target.child(source.path().name());
			if (to.within(source.path())) {
				throw new InvalidInputException("target", copy ? "files.error.copyIntoItself" : "files.error.moveIntoItself", source.path().name());
			}
			if (space.repository().find(to).isPresent()) {
				throw new InvalidInputException("target", "files.error.existsThere", source.path().name());
			}
		}
		for (DavResource source : sources) {
			DavPath to = target.child(source.path().name());
			attempt("target", () -> {
				if (copy) {
					space.repository().copy(source, to, true);
				}
				else {
					space.repository().move(source, to);
				}
				return null;
			});
		}
	}

	/** Removes the named members of a folder. The trash will take them here instead, when it comes. */
	void remove(FileBrowserSpaces.Space space, DavPath folder, List<String> names) {
		writable(space);
		if (names.isEmpty()) {
			throw new InvalidInputException("selection", "files.error.nothingSelected");
		}
		List<DavResource> doomed = names.stream().map(name -> require(space, folder.child(name))).toList();
		doomed.forEach(resource -> attempt("selection", () -> {
			space.repository().delete(resource);
			return null;
		}));
	}

	/**
	 * Stores a file from a streamed body, making the folders above it that are missing (a dropped
	 * folder arrives file by file). An existing file of that name is replaced, a folder is not.
	 */
	DavResource upload(FileBrowserSpaces.Space space, DavPath path, InputStream content, String contentType, long length) {
		writable(space);
		if (path.isRoot()) {
			throw new InvalidInputException("file", "files.name.empty");
		}
		DavPath at = DavPath.ROOT;
		for (String segment : path.parent().segments()) {
			at = at.child(segment);
			Optional<DavResource> existing = space.repository().find(at);
			if (existing.isEmpty()) {
				DavPath folder = at;
				try {
					attempt("file", () -> {
						space.repository().createCollection(folder);
						return null;
					});
				}
				catch (InvalidInputException ex) {
					// a parallel upload of the same dropped folder made it a moment ago
					if (space.repository().find(folder).filter(DavResource::collection).isEmpty()) {
						throw ex;
					}
				}
			}
			else if (!existing.get().collection()) {
				throw new InvalidInputException("file", "files.error.fileInTheWay", segment);
			}
		}
		if (space.repository().find(path).filter(DavResource::collection).isPresent()) {
			throw new InvalidInputException("file", "files.error.exists", path.name());
		}
		try {
			return attempt("file", () -> space.repository().write(path, content, contentType, length));
		}
		catch (InvalidInputException ex) {
			// a shared space is full for everyone in it: the person's own storage is not the one to clean up
			if (ex.messageKey().equals("files.error.quota") && space.space().kind() != SpaceKind.PERSONAL) {
				throw new InvalidInputException("file", "files.error.quotaShared", space.space().name());
			}
			throw ex;
		}
	}

	private static void writable(FileBrowserSpaces.Space space) {
		if (!space.writable()) {
			throw new InvalidInputException(null, "files.error.readOnly");
		}
	}

	private static <T> T attempt(String field, Supplier<T> change) {
		try {
			return change.get();
		}
		catch (FileLocked ex) {
			throw new InvalidInputException(field, "files.error.locked", ex.untilClock());
		}
		catch (FileChangedMeanwhile ex) {
			throw new InvalidInputException(field, "files.error.changedMeanwhile");
		}
		catch (FileNameRefused ex) {
			throw new InvalidInputException(field, ex.messageKey(), ex.args());
		}
		catch (DavException ex) {
			throw new InvalidInputException(field, switch (ex.status()) {
				case 507 -> "files.error.quota";
				case 404, 409 -> "files.error.gone";
				case 405 -> "files.error.existsPlain";
				default -> "files.error.failed";
			});
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputException(field, "files.error.existsPlain");
		}
	}
}
