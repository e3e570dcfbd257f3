package de.schulhaus.contacts.carddav;

import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavExtension;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;
import de.schulhaus.dav.DavXmlOut;
import de.schulhaus.dav.DeadProperty;

/**
 * {@code /carddav/} itself, where clients land after {@code /.well-known/carddav} (RFC 6764): it only says
 * who is asking ({@code current-user-principal}) and where their address books are.
 */
final class DiscoveryRoot implements DavRepository, DavExtension {

	private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
	private static final List<QName> NAMES = List.of(CardDav.dav("current-user-principal"), CardDav.dav("principal-collection-set"),
			CardDav.carddav("addressbook-home-set"));

	private final UUID school;
	private final String root;
	private final String home;

	DiscoveryRoot(UUID school, String root, String home) {
		this.school = school;
		this.root = root;
		this.home = home;
	}

	@Override
	public UUID schoolId() {
		return school;
	}

	@Override
	public String lockSpace() {
		return "carddav-root";
	}

	@Override
	public Optional<DavResource> find(DavPath path) {
		return path.isRoot() ? Optional.of(new DavResource(path, true, 0, null, "root", EPOCH, EPOCH)) : Optional.empty();
	}

	@Override
	public List<DavResource> children(DavResource collection) {
		return List.of();
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
		throw new DavException(405, "This is the entry point for address book programs; your address books are at " + home);
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

	private DavException readOnly() {
		return new DavException(403, "Nothing can be changed here; your address books are at " + home);
	}

	@Override
	public DavExtension extension() {
		return this;
	}

	@Override
	public List<String> complianceClasses() {
		return List.of("3", "addressbook");
	}

	@Override
	public boolean isLive(QName name) {
		return NAMES.contains(name) || AddressBookHome.LIVE.contains(name);
	}

	@Override
	public boolean writeProperty(QName name, DavResource resource, DavXmlOut out) throws XMLStreamException {
		if (name.equals(CardDav.dav("principal-collection-set"))) {
			out.start(name).href(root).end();
			return true;
		}
		if (NAMES.contains(name)) {
			out.start(name).href(home).end();
			return true;
		}
		return false;
	}
}
