package de.schulhaus.calendar.dav;

import javax.xml.namespace.QName;

/** Names of CalDAV (RFC 4791), WebDAV and calendarserver.org elements used here. */
final class CalDav {

	static final String DAV = "DAV:";
	static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
	static final String CS = "http://calendarserver.org/ns/";
	static final String APPLE = "http://apple.com/ns/ical/";

	static final QName CALENDAR = caldav("calendar");
	static final QName CALENDAR_DATA = caldav("calendar-data");
	static final QName DISPLAYNAME = dav("displayname");
	static final QName CALENDAR_COLOR = new QName(APPLE, "calendar-color");
	static final QName CALENDAR_DESCRIPTION = caldav("calendar-description");
	static final QName GETETAG = dav("getetag");

	/** The largest event or task taken (RFC 4791 {@code max-resource-size}): far beyond any real one, far below a harmful one. */
	static final long MAX_RESOURCE_SIZE = 1_000_000;

	private CalDav() {
	}

	static QName dav(String local) {
		return new QName(DAV, local);
	}

	static QName caldav(String local) {
		return new QName(CALDAV, local);
	}
}
