package de.schulhaus.files.internal;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.xml.namespace.QName;

import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavLockCheck;
import de.schulhaus.dav.DavLockProbe;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavQuota;
import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;
import de.schulhaus.dav.DeadProperty;

/**
 * One space as a WebDAV tree, for one person and one request: the nodes it met are remembered by path,
 * so that a PROPFIND's dead properties need no second lookup of its members. In a space the person
 * may only read, every change answers 403.
 */
public final class SpaceFiles implements DavRepository {

	private final Space space;
	private final UUID school;
	private final UUID owner;
	private final FileNodes nodes;
	private final FileProperties properties;
	private final FileWrites writes;
	private final StorageQuotas quotas;
	private final FileHistory history;
	// null where the WebDAV engine checks locks itself, against the tokens its client sent
	private final DavLockCheck lockCheck;
	private final Map<DavPath, FileNode> seen = new HashMap<>();
	// where a shared item's view lies in the space, once asked
	private DavPath top;
	// paths this request found nothing at: only for the quota's early check, which the attach repeats
	private final java.util.Set<DavPath> absent = new java.util.HashSet<>();
	// whether the tree held unexpired locks when this request first looked up a path (null: not asked)
	private Boolean locked;

	SpaceFiles(Space space, FileNodes nodes, FileProperties properties, FileWrites writes, StorageQuotas quotas, FileHistory history,
			DavLockCheck lockCheck) {
		this.lockCheck = lockCheck;
		this.history = history;
		this.space = space;
		this.school = space.schoolId();
		this.owner = space.id();
		this.nodes = nodes;
		this.properties = properties;
		this.writes = writes;
		this.quotas = quotas;
	}

	@Override
	public UUID schoolId() {
		return school;
	}

	@Override
	public String lockSpace() {
		return "files:" + owner;
	}

	/** A shared item's view keeps its locks at the item's path in the space, where its owner's client sees them. */
	@Override
	public DavPath lockRoot() {
		if (space.whole()) {
			return DavPath.ROOT;
		}
		if (top == null) {
			top = nodes.pathOf(school, owner, node(DavPath.ROOT).orElseThrow(() -> new DavException(404, "Nothing is here.")));
		}
		return top;
	}

	public Space space() {
		return space;
	}

	/** The whole space: what the upload limit counts, so a client's free-space figure matches a 507. */
	@Override
	public Optional<DavQuota> quota() {
		StorageQuotas.Usage usage = quotas.usage(space.quotaOwner());
		return Optional.of(DavQuota.of(usage.usedBytes(), usage.limitBytes()));
	}

	@Override
	public Optional<Boolean> knownLocks() {
		return Optional.ofNullable(locked);
	}

	@Override
	public Optional<DavResource> find(DavPath path) {
		Optional<FileNode> found = node(path);
		if (found.isEmpty()) {
			absent.add(path);
		}
		return found.map(node -> resource(path, node));
	}

	/** The id of what is at the path, for other modules' links to it. */
	public Optional<UUID> id(DavPath path) {
		return node(path).map(FileNode::id);
	}

	Optional<FileNode> node(DavPath path) {
		// from the deepest folder on the way this request met already: a PUT looks up its target, then its parent
		DavPath at = path;
		while (!at.isRoot() && !seen.containsKey(at)) {
			at = at.parent();
		}
		FileNode node = seen.get(at);
		if (node == null && !space.whole()) {
			// what was shared: gone with it when it went to the trash (or below something that did)
			Optional<FileNode> shared = nodes.byId(school, owner, space.root())
				.filter(n -> n.parentId() != null && nodes.inTree(school, owner, n.parentId()));
			if (shared.isEmpty()) {
				return Optional.empty();
			}
			node = shared.get();
			seen.put(DavPath.ROOT, node);
		}
		if (path.isRoot()) {
			if (node == null) {
				node = nodes.root(school, owner);
				seen.put(DavPath.ROOT, node);
			}
			return Optional.of(node);
		}
		if (at.equals(path)) {
			return Optional.of(node);
		}
		if (node != null && !node.folder()) {
			return Optional.empty();
		}
		// the rest of the path in one query; a whole space's top folder has the space's id: the walk needs no row for it
		List<String> rest = path.segments().subList(at.segments().size(), path.segments().size());
		// the request's first look-up also asks whether the tree holds locks, so that the engine need not
		FileNodes.PathFound walk = nodes.path(school, owner, node == null ? owner : node.id(), rest,
				locked == null ? new DavLockProbe(school, lockSpace(), Instant.now()) : null);
		locked = locked == null ? walk.locked() : locked;
		List<FileNode> found = walk.nodes();
		for (int i = 0; i < found.size(); i++) {
			at = at.child(rest.get(i));
			seen.put(at, found.get(i));
		}
		return found.size() == rest.size() ? Optional.of(found.get(found.size() - 1)) : Optional.empty();
	}

	private FileNode require(DavPath path) {
		FileNode node = seen.get(path);
		return node != null ? node : node(path).orElseThrow(() -> new DavException(404, "Nothing is at " + path + "."));
	}

	@Override
	public List<DavResource> children(DavResource collection) {
		List<DavResource> members = new ArrayList<>();
		for (FileNode child : nodes.children(school, owner, List.of(require(collection.path()).id()))) {
			DavPath path = collection.path().child(child.name());
			seen.put(path, child);
			members.add(resource(path, child));
		}
		return members;
	}

	/** The members a person sees in the browser: all but the desktops' own files ({@link SystemFiles}), which WebDAV lists. */
	public List<DavResource> shown(DavResource collection) {
		return children(collection).stream().filter(member -> !SystemFiles.hidden(member)).toList();
	}

	@Override
	public Map<DavPath, List<DeadProperty>> deadProperties(Collection<DavResource> resources) {
		Map<UUID, DavPath> paths = new LinkedHashMap<>();
		for (DavResource resource : resources) {
			paths.put(require(resource.path()).id(), resource.path());
		}
		Map<DavPath, List<DeadProperty>> found = new HashMap<>();
		for (FileProperties.Stored stored : properties.of(school, paths.keySet())) {
			found.computeIfAbsent(paths.get(stored.nodeId()), p -> new ArrayList<>()).add(stored.property());
		}
		return found;
	}

	@Override
	public void patchProperties(DavResource resource, List<DeadProperty> set, List<QName> remove) {
		requireWritable();
		requireUnlocked(resource.path(), false, false);
		UUID node = require(resource.path()).id();
		writes.patch(school, node, set, remove);
	}

	@Override
	public InputStream read(DavResource resource, long offset, long length) {
		return writes.open(require(resource.path()), offset, length);
	}

	@Override
	public Optional<java.nio.file.Path> localFile(DavResource resource) {
		return writes.localFile(require(resource.path()));
	}

	@Override
	public DavResource write(DavPath path, InputStream content, String contentType, long length) {
		return write(path, content, contentType, length, null);
	}

	@Override
	public DavResource write(DavPath path, InputStream content, String contentType, long length, Instant modified) {
		requireWritable();
		FileNode parent = require(path.parent());
		requireUnlocked(path, true, false);
		String type = contentType != null && !contentType.isBlank() ? contentType
				: MediaTypeFactory.getMediaType(path.name()).orElse(MediaType.APPLICATION_OCTET_STREAM).toString();
		// the engine looked up the target before: what it found (or that nothing is there) needs no second query
		Optional<FileNode> known = seen.containsKey(path) ? Optional.of(seen.get(path)) : absent.contains(path) ? Optional.empty() : null;
		FileNode written = writes.write(space, parent, path.name(), known, content, type, length, modified);
		seen.put(path, written);
		return resource(path, written);
	}

	/**
	 * A new file in {@code folder} that replaces nothing: named {@code name}, or "name (2).ext" and so on where that is
	 * taken, decided when its row goes in ({@link FileWrites#writeNew}). Answers the name it got.
	 */
	public String writeNew(DavPath folder, String name, InputStream content, String contentType, long length) {
		requireWritable();
		FileNode parent = require(folder);
		if (!parent.folder()) {
			throw new DavException(409, "Files go into a folder.");
		}
		// the folder's members change: a lock on it (or a deep one above) keeps the file out
		requireUnlocked(folder, false, false);
		String type = contentType != null && !contentType.isBlank() ? contentType
				: MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM).toString();
		return writes.writeNew(space, parent, name, content, type, length).name();
	}

	@Override
	public void createCollection(DavPath path) {
		requireWritable();
		FileNode parent = require(path.parent());
		requireUnlocked(path, true, false);
		writes.createFolder(space, parent, path.name());
	}

	@Override
	public void delete(DavResource resource) {
		requireWritable();
		requireNotTheShare(resource.path());
		FileNode node = require(resource.path());
		requireUnlocked(resource.path(), true, node.folder());
		writes.delete(space, node);
		seen.keySet().removeIf(p -> p.within(resource.path()));
	}

	@Override
	public void copy(DavResource source, DavPath target, boolean deep) {
		requireWritable();
		requireNotTheShare(target);
		Optional<FileNode> replaced = node(target);
		requireUnlocked(target, true, replaced.map(FileNode::folder).orElse(false));
		writes.copy(space, require(source.path()), require(target.parent()), target.name(), deep, replaced);
		seen.keySet().removeIf(p -> p.within(target));
	}

	@Override
	public void move(DavResource source, DavPath target) {
		requireWritable();
		requireNotTheShare(source.path());
		requireNotTheShare(target);
		FileNode moved = require(source.path());
		Optional<FileNode> replaced = node(target);
		requireUnlocked(source.path(), true, moved.folder());
		requireUnlocked(target, true, replaced.map(FileNode::folder).orElse(false));
		writes.move(space, moved, require(target.parent()), target.name(), replaced);
		seen.keySet().removeIf(p -> p.within(target) || p.within(source.path()));
	}

	/** An earlier content of a file. */
	public record FileVersion(UUID id, long size, String contentType, Instant modified, UUID modifiedBy, Instant replaced) {
	}

	/** A file or folder in the trash, with when it was deleted and where it was. */
	public record TrashItem(UUID id, String name, boolean folder, long size, Instant deleted, UUID deletedBy) {
	}

	/** The earlier versions of a file, newest first. */
	public List<FileVersion> versions(DavPath file) {
		return history.versions(space, requireFile(file)).stream()
			.map(v -> new FileVersion(v.id(), v.size(), v.contentType(), v.modified(), v.modifiedBy(), v.replaced())).toList();
	}

	/** An earlier version's content from {@code offset}. */
	public InputStream readVersion(DavPath file, UUID version, long offset, long length) {
		FileVersions.Version found = history.version(space, requireFile(file), version)
			.orElseThrow(() -> new DavException(404, "No such version."));
		return writes.open(found.blobId(), offset, length);
	}

	/** Makes an earlier version the current content; the current one becomes a version. */
	public void restoreVersion(DavPath file, UUID version) {
		requireWritable();
		FileNode node = requireFile(file);
		requireUnlocked(file, false, false);
		history.restoreVersion(space, node, version);
		seen.clear();
	}

	/** What was deleted in this space, newest first; for those who may change the whole space. */
	public List<TrashItem> trash() {
		requireWholeSpace();
		return history.trash(space).stream().filter(t -> !SystemFiles.hidden(t.node().name()))
			.map(t -> new TrashItem(t.node().id(), t.node().name(), t.node().folder(), t.node().size(), t.at(), t.by())).toList();
	}

	/**
	 * Puts a trashed item back where it was (or at the top); answers its path now. A name coming into a folder that a
	 * WebDAV client locked is refused ({@link FileLocked}), as any other writer's would be.
	 */
	public DavPath restore(UUID trashed) {
		requireWholeSpace();
		FileNode restored = history.restore(space, trashed,
				(folder, name) -> requireUnlocked(nodes.pathOf(school, owner, folder).child(name), true, false));
		seen.clear();
		return nodes.pathOf(school, owner, restored);
	}

	public void purge(UUID trashed) {
		requireWholeSpace();
		history.purge(space, trashed);
	}

	public int emptyTrash() {
		requireWholeSpace();
		return history.empty(space);
	}

	private FileNode requireFile(DavPath path) {
		FileNode node = require(path);
		if (node.folder()) {
			throw new DavException(409, "A folder has no versions.");
		}
		return node;
	}

	/**
	 * Refuses a change at {@code path} while a WebDAV client holds a lock that protects it ({@link DavLockCheck}):
	 * for the browser, resumable uploads and links, which hold no lock tokens. A tree whose first look-up found no
	 * locks needs no query for it. Locks are kept by paths from the space's top, so a shared item's view asks
	 * with the path its top has there.
	 */
	public void requireUnlocked(DavPath path, boolean membership, boolean members) {
		if (lockCheck == null || Boolean.FALSE.equals(locked)) {
			return;
		}
		DavPath inSpace = path.rebase(DavPath.ROOT, lockRoot());
		lockCheck.blocking(school, lockSpace(), inSpace, membership, members).ifPresent(lock -> {
			throw new FileLocked(lock.expires());
		});
	}

	/** What was shared stays where its owner put it: the person changes what is in it, not it. */
	private void requireNotTheShare(DavPath path) {
		if (path.isRoot()) {
			throw new DavException(403, "What was shared with you stays where it is; change what is inside it.");
		}
	}

	/** The trash holds what others of the space deleted: not for somebody who was shown one folder. */
	private void requireWholeSpace() {
		requireWritable();
		if (!space.whole()) {
			throw new DavException(404, "Nothing is here.");
		}
	}

	private void requireWritable() {
		if (!space.writable()) {
			throw new DavException(403, "You may read this space but not change it.");
		}
	}

	private static DavResource resource(DavPath path, FileNode node) {
		return new DavResource(path, node.folder(), node.size(), node.contentType(), node.etag(), node.created(), node.modified());
	}
}
