package de.schulhaus.contacts.carddav;

import de.schulhaus.contacts.internal.AddressBooks;
import de.schulhaus.contacts.internal.ContactCards;
import de.schulhaus.contacts.internal.Directory;
import de.schulhaus.dav.DavEngine;
import de.schulhaus.dav.DavHomeEndpoint;
import de.schulhaus.dav.DavRepository;
import de.schulhaus.platform.SchulhausUser;

/** {@code /carddav/}, the caller's address book home at {@code /carddav/<sign-in>/}, and {@code /.well-known/carddav}. */
class CardDavEndpoint extends DavHomeEndpoint {

	static final String ROOT = "/carddav/";
	static final String WELL_KNOWN = "/.well-known/carddav";

	private final AddressBooks books;
	private final ContactCards cards;
	private final Directory directory;

	CardDavEndpoint(DavEngine engine, AddressBooks books, ContactCards cards, Directory directory) {
		super(engine, ROOT, WELL_KNOWN, CardDav.carddav("addressbook-home-set"), "addressbook", "address books");
		this.books = books;
		this.cards = cards;
		this.directory = directory;
	}

	@Override
	protected DavRepository home(SchulhausUser user, String root, String home) {
		return new AddressBookHome(user, books, cards, directory, root, home);
	}
}
