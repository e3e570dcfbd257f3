package de.schulhaus.dav;

import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;

/**
 * The entry point of a protocol where clients land after its {@code /.well-known/} address (RFC 6764),
 * say {@code /caldav/}: it only says who is asking ({@code current-user-principal}) and where their
 * home is (the protocol's home-set property). Nothing is below it, nothing can be changed.
 */
public final class DavEntryPoint implements DavRepository, DavExtension {

	private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
	private static final QName PRINCIPAL = new QName(DavXmlOut.DAV, "current-user-principal");
	private static final QName PRINCIPALS = new QName(DavXmlOut.DAV, "principal-collection-set");

	private final UUID school;
	private final String root;
	private final String home;
	private final QName homeSet;
	private final String complianceClass;
	private final String what;

	/**
	 * @param root the raw path of the entry point, ending in a slash
	 * @param home the raw path of the caller's home, ending in a slash
	 * @param homeSet the property that names the home ({@code CALDAV:calendar-home-set}, {@code CARDDAV:addressbook-home-set})
	 * @param complianceClass the protocol's class for the DAV header ({@code calendar-access}, {@code addressbook})
	 * @param what what the home holds, for the texts of refusals ("calendars")
	 */
	public DavEntryPoint(UUID school, String root, String home, QName homeSet, String complianceClass, String what) {
		this.school = school;
		this.root = root;
		this.home = home;
		this.homeSet = homeSet;
		this.complianceClass = complianceClass;
		this.what = what;
	}

	@Override
	public UUID schoolId() {
		return school;
	}

	@Override
	public String lockSpace() {
		return "entry:" + root;
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
		throw new DavException(405, "This is the entry point for programs; your " + what + " are at " + home);
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
		return new DavException(403, "Nothing can be changed here; your " + what + " are at " + home);
	}

	@Override
	public DavExtension extension() {
		return this;
	}

	@Override
	public List<String> complianceClasses() {
		return List.of("3", complianceClass);
	}

	@Override
	public boolean isLive(QName name) {
		return name.equals(PRINCIPAL) || name.equals(PRINCIPALS) || name.equals(homeSet);
	}

	@Override
	public boolean writeProperty(QName name, DavResource resource, DavXmlOut out) throws XMLStreamException {
		if (!isLive(name)) {
			return false;
		}
		out.start(name).href(name.equals(PRINCIPALS) ? root : home).end();
		return true;
	}
}
