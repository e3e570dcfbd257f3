package de.schulhaus.contacts.carddav;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.namespace.QName;

import de.schulhaus.contacts.internal.AddressBook;
import de.schulhaus.contacts.internal.ContactCards;
import de.schulhaus.contacts.internal.Directory;
import de.schulhaus.contacts.internal.DirectoryCard;
import de.schulhaus.contacts.internal.VCardData;
import de.schulhaus.dav.DavElement;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavReport;
import de.schulhaus.dav.DavReportRequest;
import de.schulhaus.dav.DavResource;

/**
 * The REPORTs CardDAV clients use to read: {@code addressbook-multiget} (the cards named),
 * {@code addressbook-query} (by property values, {@link CardFilter}) and {@code sync-collection}
 * (RFC 6578). A personal book answers sync-collection from its change table. The directory is made from
 * the roster: its token is a hash of what the person sees, so an unchanged token answers "nothing new",
 * and for a changed one the cards it held (kept when the token was given, {@code Directory.given}) are
 * compared with today's: new and changed cards are sent, those gone answer 404. A token the person was
 * not given, or one long forgotten, is refused with {@code valid-sync-token}, after which clients list the book again.
 */
final class CardDavReports {

	private static final String TOKEN_PREFIX = "urn:x-schulhaus:contacts:";

	private CardDavReports() {
	}

	static Optional<DavReport> answer(AddressBookHome home, DavReportRequest request) {
		DavElement body = request.body();
		if (body.is(CardDav.CARDDAV, "addressbook-multiget")) {
			return Optional.of(multiget(home, request));
		}
		if (body.is(CardDav.CARDDAV, "addressbook-query")) {
			return Optional.of(query(home, request));
		}
		if (body.is(CardDav.DAV, "sync-collection")) {
			return Optional.of(sync(home, request));
		}
		return Optional.empty();
	}

	static String token(AddressBook book) {
		return TOKEN_PREFIX + book.id() + ":" + book.revision();
	}

	private static List<QName> properties(DavElement body) {
		List<QName> names = body.requestedProperties();
		return names.isEmpty() ? List.of(CardDav.GETETAG) : names;
	}

	/**
	 * What {@code address-data} asks for: the vCard version ("" for as stored) and the properties to
	 * include (empty for all).
	 */
	record AddressData(String version, java.util.Set<String> only) {

		String of(String text) {
			String converted = version.isEmpty() ? text : VCardData.inVersion(text, version);
			return only.isEmpty() ? converted : VCardData.only(converted, only);
		}
	}

	/** The address-data asked for, or null when the report does not ask for it. */
	private static AddressData wanted(DavElement body) {
		Optional<DavElement> data = body.child(CardDav.DAV, "prop").flatMap(p -> p.child(CardDav.CARDDAV, "address-data"));
		if (data.isEmpty()) {
			return null;
		}
		String type = data.get().attribute("content-type").orElse("text/vcard");
		String version = data.get().attribute("version").orElse("");
		if (!type.equalsIgnoreCase("text/vcard") || !(version.isEmpty() || version.equals("3.0") || version.equals("4.0"))) {
			throw CardDav.refused(403, "Address data comes as text/vcard 3.0 or 4.0.", "supported-address-data");
		}
		java.util.Set<String> only = new java.util.HashSet<>();
		data.get().all(CardDav.CARDDAV, "prop").forEach(p -> p.attribute("name").ifPresent(n -> only.add(n.strip().toUpperCase(java.util.Locale.ROOT))));
		return new AddressData(version, only);
	}

	private static Map<QName, String> values(String text, AddressData wanted) {
		if (wanted == null || text == null) {
			return Map.of();
		}
		return Map.of(CardDav.ADDRESS_DATA, wanted.of(text));
	}

	private static Map<QName, String> values(AddressBookHome home, DirectoryCard card, AddressData wanted) {
		if (wanted == null) {
			return Map.of();
		}
		String text = wanted.version().equals("4.0") ? card.text("4.0") : home.text(card);
		return Map.of(CardDav.ADDRESS_DATA, wanted.only().isEmpty() ? text : VCardData.only(text, wanted.only()));
	}

	private static DavReport multiget(AddressBookHome home, DavReportRequest request) {
		List<QName> names = properties(request.body());
		AddressData wanted = wanted(request.body());
		List<DavPath> paths = new ArrayList<>();
		for (DavElement href : request.body().all(CardDav.DAV, "href")) {
			paths.add(request.paths().apply(href.text()).orElseThrow(() -> new DavException(403, href.text() + " is not in your address books.")));
		}
		Map<String, List<String>> byBook = new LinkedHashMap<>();
		paths.stream().filter(p -> p.segments().size() == 2).forEach(p -> byBook.computeIfAbsent(p.segments().get(0), k -> new ArrayList<>()).add(p.name()));
		Map<DavPath, DavReport.Item> found = new HashMap<>();
		byBook.forEach((slug, cardNames) -> {
			if (AddressBookHome.isDirectory(DavPath.ROOT.child(slug))) {
				for (String name : cardNames) {
					home.directoryCard(name).ifPresent(card -> {
						DavResource resource = home.resource(card);
						found.put(resource.path(), new DavReport.Item(resource.path(), resource, values(home, card, wanted)));
					});
				}
				return;
			}
			home.book(slug).ifPresent(book -> {
				// the cards of each book in one query
				for (ContactCards.Entry entry : home.cards().withData(book, cardNames)) {
					DavResource resource = AddressBookHome.resource(book, entry);
					found.put(resource.path(), new DavReport.Item(resource.path(), resource, values(entry.data(), wanted)));
				}
			});
		});
		List<DavReport.Item> items = paths.stream().map(p -> found.getOrDefault(p, DavReport.Item.gone(p))).toList();
		return new DavReport(names, items, null);
	}

	private static DavReport query(AddressBookHome home, DavReportRequest request) {
		DavResource target = request.target();
		if (target.path().segments().size() != 1) {
			throw CardDav.refused(403, "addressbook-query is asked of an address book.", "addressbook-collection-location-ok");
		}
		List<QName> names = properties(request.body());
		AddressData wanted = wanted(request.body());
		CardFilter filter = CardFilter.of(request.body().child(CardDav.CARDDAV, "filter").orElse(null));
		int limit = CardFilter.limit(request.body());
		List<DavReport.Item> items = new ArrayList<>();
		if (AddressBookHome.isDirectory(target.path())) {
			for (DirectoryCard card : home.directory().cards()) {
				if (items.size() < limit && filter.matches(home.text(card))) {
					DavResource resource = home.resource(card);
					items.add(new DavReport.Item(resource.path(), resource, values(home, card, wanted)));
				}
			}
			return new DavReport(names, items, null);
		}
		AddressBook book = home.book(target.path().name()).orElseThrow();
		for (ContactCards.Entry entry : home.cards().list(book, true)) {
			if (items.size() < limit && filter.matches(entry.data())) {
				DavResource resource = AddressBookHome.resource(book, entry);
				items.add(new DavReport.Item(resource.path(), resource, values(entry.data(), wanted)));
			}
		}
		return new DavReport(names, items, null);
	}

	private static DavReport sync(AddressBookHome home, DavReportRequest request) {
		DavResource target = request.target();
		if (target.path().segments().size() != 1) {
			throw new DavException(403, "sync-collection is asked of an address book.", "valid-sync-token");
		}
		String level = request.body().child(CardDav.DAV, "sync-level").map(DavElement::text).orElse("1");
		if (!level.equals("1")) {
			throw new DavException(403, "An address book has one level; ask with sync-level 1.", "supported-report");
		}
		List<QName> names = properties(request.body());
		AddressData wanted = wanted(request.body());
		String given = request.body().child(CardDav.DAV, "sync-token").map(DavElement::text).orElse("");
		List<DavReport.Item> items = new ArrayList<>();
		if (AddressBookHome.isDirectory(target.path())) {
			String token = home.directory().token();
			if (given.isEmpty()) {
				for (DirectoryCard card : home.directory().cards()) {
					DavResource resource = home.resource(card);
					items.add(new DavReport.Item(resource.path(), resource, values(home, card, wanted)));
				}
			}
			else if (!given.equals(token)) {
				// the roster changed: what appeared, changed or went since the token, if the person was given it
				Directory.Changes changes = home.directorySince(given)
					.orElseThrow(() -> new DavException(403, "The school's directory changed; sync again from the start.", "valid-sync-token"));
				for (DirectoryCard card : changes.changed()) {
					DavResource resource = home.resource(card);
					items.add(new DavReport.Item(resource.path(), resource, values(home, card, wanted)));
				}
				changes.gone().forEach(name -> items.add(DavReport.Item.gone(target.path().child(name))));
			}
			home.directoryGiven();
			return new DavReport(names, items, token);
		}
		AddressBook book = home.book(target.path().name()).orElseThrow();
		// the revision is read before the changes: a change committed in between is sent now and again next time, never lost
		String token = token(book);
		if (given.isEmpty()) {
			for (ContactCards.Entry entry : home.cards().list(book, wanted != null)) {
				DavResource resource = AddressBookHome.resource(book, entry);
				items.add(new DavReport.Item(resource.path(), resource, values(entry.data(), wanted)));
			}
			return new DavReport(names, items, token);
		}
		long since = revision(given, book);
		for (ContactCards.Change change : home.cards().changesSince(book, since, wanted != null)) {
			DavPath path = target.path().child(change.name());
			if (change.entry() == null) {
				items.add(DavReport.Item.gone(path));
			}
			else {
				DavResource resource = AddressBookHome.resource(book, change.entry());
				items.add(new DavReport.Item(path, resource, values(change.entry().data(), wanted)));
			}
		}
		return new DavReport(names, items, token);
	}

	private static long revision(String token, AddressBook book) {
		String prefix = TOKEN_PREFIX + book.id() + ":";
		if (token.startsWith(prefix)) {
			try {
				long revision = Long.parseLong(token.substring(prefix.length()));
				if (revision >= 0 && revision <= book.revision()) {
					return revision;
				}
			}
			catch (NumberFormatException ex) {
				// refused below
			}
		}
		throw new DavException(403, "This sync token is not one of this address book; sync again from the start.", "valid-sync-token");
	}
}
