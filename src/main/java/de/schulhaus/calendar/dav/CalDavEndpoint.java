package de.schulhaus.calendar.dav;

import de.schulhaus.dav.DavEngine;
import de.schulhaus.dav.DavHomeEndpoint;
import de.schulhaus.dav.DavRepository;
import de.schulhaus.platform.SchulhausUser;

/** {@code /caldav/}, the caller's calendar home at {@code /caldav/<sign-in>/}, and {@code /.well-known/caldav}. */
class CalDavEndpoint extends DavHomeEndpoint {

	static final String ROOT = "/caldav/";
	static final String WELL_KNOWN = "/.well-known/caldav";

	private final CalDavServices services;

	CalDavEndpoint(DavEngine engine, CalDavServices services) {
		super(engine, ROOT, WELL_KNOWN, CalDav.caldav("calendar-home-set"), "calendar-access, calendar-auto-schedule", "calendars");
		this.services = services;
	}

	@Override
	protected DavRepository home(SchulhausUser user, String root, String home) {
		return new CalendarHome(user, services, root, home);
	}
}
