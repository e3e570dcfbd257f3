package de.schulhaus.files.internal;

import java.io.InputStream;
import java.nio.file.Path;
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
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavQuota;
import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;
import de.schulhaus.dav.DeadProperty;

/**
 * One person's space as a WebDAV tree, for one request: the nodes it met are remembered by path, so
 * that a PROPFIND's dead properties need no second lookup of its members.
 */
public final class PersonalFiles implements DavRepository {

	private final UUID school;
	private final UUID owner;
	private final FileNodes nodes;
	private final FileProperties properties;
	private final FileWrites writes;
	private final StorageQuotas quotas;
	private final Map<DavPath, FileNode> seen = new HashMap<>();

	PersonalFiles(UUID school, UUID owner, FileNodes nodes, FileProperties properties, FileWrites writes, StorageQuotas quotas) {
		this.school = school;
		this.owner = owner;
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

	/** The person's whole space: what the upload limit counts, so a client's free-space figure matches a 507. */
	@Override
	public Optional<DavQuota> quota() {
		StorageQuotas.Usage usage = quotas.usage(BlobOwner.account(school, owner));
		return Optional.of(DavQuota.of(usage.usedBytes(), usage.limitBytes()));
	}

	@Override
	public Optional<DavResource> find(DavPath path) {
		return node(path).map(node -> resource(path, node));
	}

	private Optional<FileNode> node(DavPath path) {
		if (path.isRoot()) {
			return Optional.of(seen.computeIfAbsent(path, root -> nodes.root(school, owner)));
		}
		// from the deepest folder on the way this request met already: a PUT looks up its target, then its parent
		DavPath at = path;
		while (!at.isRoot() && !seen.containsKey(at)) {
			at = at.parent();
		}
		// null for the root, whose row the walk does not need: it has the owner's id
		FileNode node = at.isRoot() ? null : seen.get(at);
		for (String segment : path.segments().subList(at.segments().size(), path.segments().size())) {
			if (node != null && !node.folder()) {
				return Optional.empty();
			}
			Optional<FileNode> child = nodes.child(school, owner, node == null ? owner : node.id(), segment);
			if (child.isEmpty()) {
				return Optional.empty();
			}
			node = child.get();
			at = at.child(segment);
			seen.put(at, node);
		}
		return Optional.of(node);
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
		UUID node = require(resource.path()).id();
		writes.patch(school, node, set, remove);
	}

	@Override
	public InputStream read(DavResource resource, long offset, long length) {
		return writes.open(require(resource.path()), offset, length);
	}

	@Override
	public Optional<Path> localFile(DavResource resource) {
		return writes.localFile(require(resource.path()));
	}

	@Override
	public DavResource write(DavPath path, InputStream content, String contentType, long length) {
		FileNode parent = require(path.parent());
		String type = contentType != null && !contentType.isBlank() ? contentType
				: MediaTypeFactory.getMediaType(path.name()).orElse(MediaType.APPLICATION_OCTET_STREAM).toString();
		FileNode written = writes.write(school, owner, parent, path.name(), content, type, length);
		seen.put(path, written);
		return resource(path, written);
	}

	@Override
	public void createCollection(DavPath path) {
		writes.createFolder(school, owner, require(path.parent()), path.name());
	}

	@Override
	public void delete(DavResource resource) {
		writes.delete(school, owner, require(resource.path()));
		seen.keySet().removeIf(p -> p.within(resource.path()));
	}

	@Override
	public void copy(DavResource source, DavPath target, boolean deep) {
		writes.copy(school, owner, require(source.path()), require(target.parent()), target.name(), deep, node(target));
		seen.keySet().removeIf(p -> p.within(target));
	}

	@Override
	public void move(DavResource source, DavPath target) {
		writes.move(school, owner, require(source.path()), require(target.parent()), target.name(), node(target));
		seen.keySet().removeIf(p -> p.within(target) || p.within(source.path()));
	}

	private static DavResource resource(DavPath path, FileNode node) {
		return new DavResource(path, node.folder(), node.size(), node.contentType(), node.etag(), node.created(), node.modified());
	}
}
