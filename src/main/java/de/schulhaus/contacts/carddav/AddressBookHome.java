package de.schulhaus.contacts.carddav;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;

import de.schulhaus.contacts.internal.AddressBook;
import de.schulhaus.contacts.internal.AddressBooks;
import de.schulhaus.contacts.internal.ContactCard;
import de.schulhaus.contacts.internal.ContactCards;
import de.schulhaus.contacts.internal.Directory;
import de.schulhaus.contacts.internal.DirectoryCard;
import de.schulhaus.contacts.internal.InvalidAddressData;
import de.schulhaus.contacts.internal.VCardData;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavExtension;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavReport;
import de.schulhaus.dav.DavReportRequest;
import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;
import de.schulhaus.dav.DavXmlOut;
import de.schulhaus.dav.DeadProperty;
import de.schulhaus.platform.SchulhausUser;

/**
 * One person's address book home at {@code /carddav/<sign-in>/}, which is also their principal: the
 * school's directory ({@code schule/}, read-only) and their own books as collections, each vCard a
 * resource in one. The engine does WebDAV; this tree adds CardDAV's properties and reports.
 */
final class AddressBookHome implements DavRepository, DavExtension {

	static final String VCARD_TYPE = "text/vcard; charset=utf-8";
	private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

	static final Set<QName> LIVE = Set.of(CardDav.dav("current-user-principal"), CardDav.dav("principal-URL"), CardDav.dav("owner"),
			CardDav.dav("current-user-privilege-set"), CardDav.dav("supported-report-set"), CardDav.dav("sync-token"),
			CardDav.dav("principal-collection-set"), CardDav.carddav("addressbook-home-set"), CardDav.carddav("supported-address-data"),
			CardDav.carddav("max-resource-size"), CardDav.ADDRESS_DATA, CardDav.GETCTAG);

	private final SchulhausUser person;
	private final AddressBooks books;
	private final ContactCards cards;
	private final Directory directory;
	private final String root;
	private final String home;
	private List<AddressBook> own;
	private Directory.Listing listing;
	private Map<String, DirectoryCard> byName;
	private final Map<String, String> texts = new HashMap<>();

	AddressBookHome(SchulhausUser person, AddressBooks books, ContactCards cards, Directory directory, String root, String home) {
		this.person = person;
		this.books = books;
		this.cards = cards;
		this.directory = directory;
		this.root = root;
		this.home = home;
	}

	String home() {
		return home;
	}

	ContactCards cards() {
		return cards;
	}

	/** The person's own books, read once per request. */
	List<AddressBook> books() {
		if (own == null) {
			own = books.of(person);
		}
		return own;
	}

	Optional<AddressBook> book(String slug) {
		return books().stream().filter(b -> b.slug().equals(slug)).findFirst();
	}

	/** The directory as the person sees it, made once per request. */
	Directory.Listing directory() {
		if (listing == null) {
			listing = directory.of(person);
			byName = new LinkedHashMap<>();
			listing.cards().forEach(c -> byName.put(c.name(), c));
		}
		return listing;
	}

	/** What changed in the person's directory since a token they were given. */
	Optional<Directory.Changes> directorySince(String token) {
		return directory.since(person, token, directory());
	}

	/** The directory's token is given to the person now: its cards are kept for the next sync. */
	void directoryGiven() {
		directory.given(person, directory());
	}

	Optional<DirectoryCard> directoryCard(String name) {
		directory();
		return Optional.ofNullable(byName.get(name));
	}

	/** A directory card's vCard 3.0, written once per request. */
	String text(DirectoryCard card) {
		return texts.computeIfAbsent(card.name(), n -> card.text("3.0"));
	}

	static boolean isDirectory(DavPath path) {
		return !path.isRoot() && path.segments().get(0).equals(AddressBooks.DIRECTORY_SLUG);
	}

	// --- the tree

	@Override
	public UUID schoolId() {
		return person.schoolId();
	}

	@Override
	public String lockSpace() {
		return "contacts:" + person.accountId();
	}

	@Override
	public Optional<DavResource> find(DavPath path) {
		return switch (path.segments().size()) {
			case 0 -> Optional.of(new DavResource(path, true, 0, null, "home", EPOCH, EPOCH));
			case 1 -> isDirectory(path) ? Optional.of(directoryResource()) : book(path.name()).map(AddressBookHome::resource);
			case 2 -> isDirectory(path) ? directoryCard(path.name()).map(this::resource)
					: book(path.segments().get(0)).flatMap(b -> cards.find(b, path.name()).map(e -> resource(b, e)));
			default -> Optional.empty();
		};
	}

	DavResource directoryResource() {
		String token = directory().token();
		return new DavResource(DavPath.ROOT.child(AddressBooks.DIRECTORY_SLUG), true, 0, null, token.substring(token.lastIndexOf(':') + 1), EPOCH, EPOCH);
	}

	DavResource resource(DirectoryCard card) {
		return new DavResource(DavPath.ROOT.child(AddressBooks.DIRECTORY_SLUG).child(card.name()), false,
				text(card).getBytes(StandardCharsets.UTF_8).length, VCARD_TYPE, card.etag(), EPOCH, EPOCH);
	}

	static DavResource resource(AddressBook book) {
		Instant updated = book.updated().isBefore(EPOCH) ? EPOCH : book.updated();
		return new DavResource(DavPath.ROOT.child(book.slug()), true, 0, null, book.id().toString().replace("-", "") + "-" + book.revision(), updated,
				updated);
	}

	static DavResource resource(AddressBook book, ContactCards.Entry entry) {
		return new DavResource(DavPath.ROOT.child(book.slug()).child(entry.name()), false, entry.size(), VCARD_TYPE, entry.etag(), entry.created(),
				entry.updated());
	}

	@Override
	public List<DavResource> children(DavResource collection) {
		DavPath path = collection.path();
		if (path.isRoot()) {
			List<DavResource> all = new ArrayList<>();
			all.add(directoryResource());
			books().stream().map(AddressBookHome::resource).forEach(all::add);
			return all;
		}
		if (path.segments().size() == 1) {
			if (isDirectory(path)) {
				return directory().cards().stream().map(this::resource).toList();
			}
			AddressBook book = book(path.name()).orElseThrow();
			return cards.list(book, false).stream().map(e -> resource(book, e)).toList();
		}
		return List.of();
	}

	@Override
	public Map<DavPath, List<DeadProperty>> deadProperties(Collection<DavResource> resources) {
		Map<DavPath, List<DeadProperty>> found = new HashMap<>();
		List<AddressBook> asked = resources.stream().filter(r -> r.path().segments().size() == 1 && !isDirectory(r.path()))
			.flatMap(r -> book(r.path().name()).stream()).toList();
		Map<UUID, List<DeadProperty>> stored = books.properties(asked);
		for (AddressBook book : asked) {
			List<DeadProperty> list = new ArrayList<>();
			list.add(DeadProperty.ofText(CardDav.DISPLAYNAME, book.name()));
			if (book.description() != null) {
				list.add(DeadProperty.ofText(CardDav.ADDRESSBOOK_DESCRIPTION, book.description()));
			}
			list.addAll(stored.getOrDefault(book.id(), List.of()));
			found.put(DavPath.ROOT.child(book.slug()), list);
		}
		if (resources.stream().anyMatch(r -> r.path().segments().size() == 1 && isDirectory(r.path()))) {
			found.put(DavPath.ROOT.child(AddressBooks.DIRECTORY_SLUG), List.of(DeadProperty.ofText(CardDav.DISPLAYNAME, "Schule"),
					DeadProperty.ofText(CardDav.ADDRESSBOOK_DESCRIPTION, "Alle, die Sie an Ihrer Schule sehen dürfen, und Ihre Gruppen")));
		}
		if (resources.stream().anyMatch(r -> r.path().isRoot())) {
			found.put(DavPath.ROOT, List.of(DeadProperty.ofText(CardDav.DISPLAYNAME, person.displayName())));
		}
		return found;
	}

	@Override
	public void patchProperties(DavResource resource, List<DeadProperty> set, List<QName> remove) {
		if (resource.path().segments().size() != 1) {
			throw new DavException(403, "Only address books take properties here.", "cannot-modify-protected-property");
		}
		if (isDirectory(resource.path())) {
			throw new DavException(403, "The school's directory cannot be changed.", "need-privileges");
		}
		AddressBook book = book(resource.path().name()).orElseThrow();
		String name = null;
		String description = null;
		List<DeadProperty> others = new ArrayList<>();
		for (DeadProperty property : set) {
			if (property.name().equals(CardDav.DISPLAYNAME)) {
				name = property.text(200);
			}
			else if (property.name().equals(CardDav.ADDRESSBOOK_DESCRIPTION)) {
				description = property.text(2000);
			}
			else {
				others.add(property);
			}
		}
		List<QName> removeOthers = new ArrayList<>();
		for (QName gone : remove) {
			if (gone.equals(CardDav.ADDRESSBOOK_DESCRIPTION)) {
				description = "";
			}
			else if (!gone.equals(CardDav.DISPLAYNAME)) {
				removeOthers.add(gone);
			}
		}
		try {
			books.patch(book, name, description, others, removeOthers);
		}
		catch (IllegalArgumentException ex) {
			throw new DavException(403, "A property is too large.");
		}
	}


	@Override
	public InputStream read(DavResource resource, long offset, long length) {
		return DavRepository.slice(data(resource), offset, length);
	}

	private byte[] data(DavResource resource) {
		if (resource.collection()) {
			throw new DavException(405, "An address book is read with PROPFIND and REPORT.");
		}
		DavPath path = resource.path();
		Optional<String> text = isDirectory(path) ? directoryCard(path.name()).map(this::text)
				: book(path.segments().get(0)).flatMap(b -> cards.find(b, path.name())).map(ContactCards.Entry::data);
		return text.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElseThrow(() -> new DavException(404, "Nothing is at " + path + "."));
	}

	@Override
	public DavResource write(DavPath path, InputStream content, String contentType, long length) {
		if (path.segments().size() != 2) {
			throw CardDav.refused(403, "Contacts go into an address book.", "addressbook-collection-location-ok");
		}
		if (isDirectory(path)) {
			throw new DavException(403, "The school's directory is made from the school's records; it cannot be changed here.", "need-privileges");
		}
		AddressBook book = book(path.segments().get(0)).orElseThrow(() -> new DavException(409, "There is no such address book."));
		if (path.name().length() > 255) {
			throw new DavException(400, "A contact's name is at most 255 characters.");
		}
		String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		if (!type.isEmpty() && !type.startsWith("text/vcard") && !type.startsWith("text/x-vcard") && !type.startsWith("text/directory")) {
			throw CardDav.refused(403, "An address book takes vCards (text/vcard), not " + contentType + ".", "supported-address-data");
		}
		if (length > CardDav.MAX_RESOURCE_SIZE) {
			throw CardDav.refused(403, "A vCard is at most " + CardDav.MAX_RESOURCE_SIZE + " bytes.", "max-resource-size");
		}
		ContactCard card;
		try {
			card = VCardData.parse(content, CardDav.MAX_RESOURCE_SIZE);
		}
		catch (InvalidAddressData ex) {
			throw CardDav.refused(403, ex.getMessage(), ex.precondition());
		}
		try {
			return resource(book, cards.put(book, path.name(), card));
		}
		catch (ContactCards.UidConflict ex) {
			throw new DavException(403, "Another contact of this address book has the UID " + card.uid() + ".", CardDav.carddav("no-uid-conflict"),
					home + book.slug() + "/" + ex.name());
		}
	}

	@Override
	public void createCollection(DavPath path) {
		// a plain MKCOL in the home makes an address book too: older clients set the type afterwards
		makeCollection(path, List.of(CardDav.ADDRESSBOOK), List.of());
	}

	@Override
	public void makeCollection(DavPath path, List<QName> types, List<DeadProperty> set) {
		if (path.segments().size() != 1 || !types.contains(CardDav.ADDRESSBOOK)) {
			throw new DavException(403, "Address books are made directly in the home, with the resource type addressbook.");
		}
		String name = path.name();
		String description = null;
		List<DeadProperty> others = new ArrayList<>();
		for (DeadProperty property : set) {
			if (property.name().equals(CardDav.DISPLAYNAME)) {
				name = property.text(200);
			}
			else if (property.name().equals(CardDav.ADDRESSBOOK_DESCRIPTION)) {
				description = property.text(2000);
			}
			else if (!LIVE.contains(property.name())) {
				others.add(property);
			}
		}
		if (!books.create(person, path.name(), name.isBlank() ? path.name() : name, description, others)) {
			throw new DavException(405, "An address book of that name exists.", "resource-must-be-null");
		}
	}

	@Override
	public void delete(DavResource resource) {
		DavPath path = resource.path();
		if (isDirectory(path)) {
			throw new DavException(403, "The school's directory cannot be changed.", "need-privileges");
		}
		AddressBook book = book(path.segments().get(0)).orElseThrow();
		if (resource.collection()) {
			if (!book.removable()) {
				throw new DavException(403, "Your address book \"kontakte\" stays; empty it instead.", "need-privileges");
			}
			books.delete(book);
			return;
		}
		cards.delete(book, path.name());
	}

	@Override
	public void copy(DavResource source, DavPath target, boolean deep) {
		throw new DavException(403, "Contacts are copied by writing them again.");
	}

	@Override
	public void move(DavResource source, DavPath target) {
		throw new DavException(403, "Contacts move by deleting and writing them again.");
	}

	// --- CardDAV

	@Override
	public DavExtension extension() {
		return this;
	}

	@Override
	public List<String> complianceClasses() {
		return List.of("3", "addressbook");
	}

	@Override
	public List<String> methods() {
		return List.of("REPORT");
	}

	@Override
	public List<QName> resourceTypes(DavResource resource) {
		return switch (resource.path().segments().size()) {
			case 0 -> List.of(CardDav.dav("principal"));
			case 1 -> List.of(CardDav.ADDRESSBOOK);
			default -> List.of();
		};
	}

	@Override
	public List<QName> liveProperties(DavResource resource) {
		if (resource.path().segments().size() == 1) {
			return List.of(CardDav.GETCTAG, CardDav.dav("sync-token"), CardDav.carddav("supported-address-data"), CardDav.carddav("max-resource-size"));
		}
		return List.of();
	}

	@Override
	public boolean isLive(QName name) {
		return LIVE.contains(name);
	}

	@Override
	public boolean writeProperty(QName name, DavResource resource, DavXmlOut out) throws XMLStreamException {
		int level = resource.path().segments().size();
		boolean inDirectory = isDirectory(resource.path());
		switch (name.getLocalPart()) {
			case "current-user-principal" -> out.start(name).href(home).end();
			case "principal-URL", "addressbook-home-set" -> {
				if (level != 0) {
					return false;
				}
				out.start(name).href(home).end();
			}
			case "principal-collection-set" -> out.start(name).href(root).end();
			case "owner" -> {
				if (inDirectory) {
					out.empty(name);
				}
				else {
					out.start(name).href(home).end();
				}
			}
			case "current-user-privilege-set" -> out.privileges(level > 0 && !inDirectory);
			case "supported-report-set" -> {
				if (level != 1) {
					return false;
				}
				out.start(name);
				for (QName report : List.of(CardDav.carddav("addressbook-multiget"), CardDav.carddav("addressbook-query"), CardDav.dav("sync-collection"))) {
					out.start(CardDav.dav("supported-report")).start(CardDav.dav("report")).empty(report).end().end();
				}
				out.end();
			}
			case "sync-token", "getctag" -> {
				if (level != 1) {
					return false;
				}
				out.element(name, inDirectory ? directory().token() : CardDavReports.token(book(resource.path().name()).orElseThrow()));
			}
			case "supported-address-data" -> {
				if (level != 1) {
					return false;
				}
				out.start(name);
				for (String version : List.of("3.0", "4.0")) {
					out.start(CardDav.carddav("address-data-type")).attribute("content-type", "text/vcard").attribute("version", version).end();
				}
				out.end();
			}
			case "max-resource-size" -> {
				if (level != 1) {
					return false;
				}
				out.element(name, String.valueOf(CardDav.MAX_RESOURCE_SIZE));
			}
			default -> {
				// address-data comes with the reports that read it
				return false;
			}
		}
		return true;
	}


	@Override
	public Optional<DavReport> report(DavReportRequest request) {
		return CardDavReports.answer(this, request);
	}
}
