package de.schulhaus.dav;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.xml.namespace.QName;

/**
 * The tree a module serves over WebDAV, for one caller. The engine checks methods, headers, locks and
 * overwrite rules; the repository stores. Failures are {@link DavException}s with the status to answer
 * (409 for a missing parent, 507 for a full space, 400/403 for a name it refuses).
 */
public interface DavRepository {

	/** The school the tree belongs to: locks are stored under it. */
	UUID schoolId();

	/** Names the tree among all trees of the school (say {@code files:<account id>}), for its locks. */
	String lockSpace();

	/**
	 * Where this view's root lies in the tree that {@link #lockSpace} names: a view of part of a tree (say an item shared
	 * with a person) keeps its locks in the tree's paths, so that a lock taken through either binds the other. The
	 * root (the default) for a view of the whole tree. Asked only where the tree has locks or one is taken.
	 */
	default DavPath lockRoot() {
		return DavPath.ROOT;
	}

	Optional<DavResource> find(DavPath path);

	/**
	 * Whether the tree holds unexpired locks, where the repository learnt it with a query it made for this
	 * request anyway (a {@link DavLockProbe} in its look-up of the path); empty (the default): the engine reads them.
	 * Asked right after {@link #find}.
	 */
	default Optional<Boolean> knownLocks() {
		return Optional.empty();
	}

	/** The members of a collection, in one query whatever their number. */
	List<DavResource> children(DavResource collection);

	/** The dead properties of these resources, in one query whatever their number. */
	Map<DavPath, List<DeadProperty>> deadProperties(Collection<DavResource> resources);

	/** Sets and removes dead properties of one resource, all or nothing. */
	void patchProperties(DavResource resource, List<DeadProperty> set, List<QName> remove);

	/** Up to {@code length} bytes from {@code offset}. */
	InputStream read(DavResource resource, long offset, long length);

	/** The part of small content (an event, a contact) a ranged read asks for. */
	static InputStream slice(byte[] data, long offset, long length) {
		int from = (int) Math.min(offset, data.length);
		int count = (int) Math.min(length, data.length - from);
		return new java.io.ByteArrayInputStream(data, from, count);
	}

	/**
	 * The local file that holds a file resource's content as it is (no encryption, no offset), where
	 * there is one: the engine then has the servlet container send it straight from the page cache.
	 * Empty (the default) makes the engine copy {@link #read}.
	 */
	default Optional<Path> localFile(DavResource resource) {
		return Optional.empty();
	}

	/**
	 * Creates or overwrites a file with the streamed content; its parent must be a collection.
	 *
	 * @param length the announced length (Content-Length), -1 when unknown: a repository can refuse
	 *               what will not fit before reading a byte
	 * @return the resource written; its ETag null when the repository stored other content than was sent
	 *         (CalDAV's scheduling adds answers), so that none is answered and the client reads it again
	 */
	DavResource write(DavPath path, InputStream content, String contentType, long length);

	/**
	 * {@link #write(DavPath, InputStream, String, long)} with the modification time the client's copy
	 * has (ownCloud's and Nextcloud's {@code X-OC-Mtime}), so that a sync client does not send it again.
	 * A repository that keeps no such time ignores it.
	 */
	default DavResource write(DavPath path, InputStream content, String contentType, long length, java.time.Instant modified) {
		return write(path, content, contentType, length);
	}

	void createCollection(DavPath path);

	/** Deletes a file, or a collection with everything in it. */
	void delete(DavResource resource);

	/**
	 * Copies a file or collection ({@code deep}: with its members) to a path whose parent exists;
	 * what is there already is replaced in the same transaction.
	 */
	void copy(DavResource source, DavPath target, boolean deep);

	/** Moves a file or collection to a path whose parent exists, replacing what is there. */
	void move(DavResource source, DavPath target);

	/** What the tree adds to WebDAV (CalDAV, CardDAV); none by default. */
	default DavExtension extension() {
		return DavExtension.NONE;
	}

	/** The quota the whole tree shares, reported on its collections; empty where there is none. Asked once per PROPFIND that names it. */
	default Optional<DavQuota> quota() {
		return Optional.empty();
	}
}
