package de.schulhaus.files.dav;

import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.xml.namespace.QName;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;
import de.schulhaus.dav.DeadProperty;
import de.schulhaus.files.internal.Space;

/**
 * {@code /dav/spaces/} itself: a read-only collection whose members are the spaces the caller sees,
 * so that a client mounting it finds the class's, the school's and the office's folders. Everything
 * inside a space is served by that space's own tree.
 */
final class SpaceList implements DavRepository {

	// a fixed date: the list has no history of its own, and a changing date would make clients sync it again
	private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

	private final UUID school;
	private final UUID person;
	private final List<Space> spaces;

	SpaceList(UUID school, UUID person, List<Space> spaces) {
		this.school = school;
		this.person = person;
		this.spaces = spaces;
	}

	@Override
	public UUID schoolId() {
		return school;
	}

	@Override
	public String lockSpace() {
		return "spaces:" + person;
	}

	@Override
	public Optional<DavResource> find(DavPath path) {
		if (path.isRoot()) {
			return Optional.of(collection(path, etag()));
		}
		if (path.segments().size() == 1) {
			return spaces.stream().filter(s -> s.key().equals(path.name())).findFirst().map(s -> collection(path, s.id().toString().replace("-", "")));
		}
		return Optional.empty();
	}

	@Override
	public List<DavResource> children(DavResource collection) {
		if (!collection.path().isRoot()) {
			return List.of();
		}
		return spaces.stream().map(s -> collection(DavPath.ROOT.child(s.key()), s.id().toString().replace("-", ""))).toList();
	}

	@Override
	public Map<DavPath, List<DeadProperty>> deadProperties(Collection<DavResource> resources) {
		return Map.of();
	}

	@Override
	public void patchProperties(DavResource resource, List<DeadProperty> set, List<QName> remove) {
		throw readOnly();
	}

	@Override
	public InputStream read(DavResource resource, long offset, long length) {
		throw new DavException(405, "The list of spaces has no content.");
	}

	@Override
	public DavResource write(DavPath path, InputStream content, String contentType, long length) {
		throw readOnly();
	}

	@Override
	public void createCollection(DavPath path) {
		throw readOnly();
	}

	@Override
	public void delete(DavResource resource) {
		throw readOnly();
	}

	@Override
	public void copy(DavResource source, DavPath target, boolean deep) {
		throw readOnly();
	}

	@Override
	public void move(DavResource source, DavPath target) {
		throw readOnly();
	}

	/** Changes when the list of spaces changes, so a client notices a new group. */
	private String etag() {
		return Integer.toHexString(spaces.stream().map(Space::key).toList().hashCode());
	}

	private static DavResource collection(DavPath path, String etag) {
		return new DavResource(path, true, 0, null, etag, EPOCH, EPOCH);
	}

	private static DavException readOnly() {
		return new DavException(403, "Spaces are made by the school: their list cannot be changed here.");
	}
}
