package de.schulhaus.contacts.carddav;

import javax.xml.namespace.QName;

/** Names of CardDAV (RFC 6352), WebDAV and calendarserver.org elements used here. */
final class CardDav {

	static final String DAV = "DAV:";
	static final String CARDDAV = "urn:ietf:params:xml:ns:carddav";
	static final String CS = "http://calendarserver.org/ns/";

	static final QName ADDRESSBOOK = carddav("addressbook");
	static final QName ADDRESS_DATA = carddav("address-data");
	static final QName ADDRESSBOOK_DESCRIPTION = carddav("addressbook-description");
	static final QName DISPLAYNAME = dav("displayname");
	static final QName GETETAG = dav("getetag");
	static final QName GETCTAG = new QName(CS, "getctag");

	/** The largest vCard taken (RFC 6352 {@code max-resource-size}): room for a photo, far below a harmful size. */
	static final long MAX_RESOURCE_SIZE = 1_000_000;

	private CardDav() {
	}

	static QName dav(String local) {
		return new QName(DAV, local);
	}

	static QName carddav(String local) {
		return new QName(CARDDAV, local);
	}

	static de.schulhaus.dav.DavException refused(int status, String reason, String precondition) {
		return new de.schulhaus.dav.DavException(status, reason, carddav(precondition), null);
	}
}
