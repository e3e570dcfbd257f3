package de.schulhaus.calendar.dav;

import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.calendar.internal.CalendarProperties;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.dav.DavEngine;
import de.schulhaus.dav.DavHomeEndpoint;
import de.schulhaus.dav.DavRepository;
import de.schulhaus.platform.SchulhausUser;

/** {@code /caldav/}, the caller's calendar home at {@code /caldav/<sign-in>/}, and {@code /.well-known/caldav}. */
class CalDavEndpoint extends DavHomeEndpoint {

	static final String ROOT = "/caldav/";
	static final String WELL_KNOWN = "/.well-known/caldav";

	private final Calendars calendars;
	private final CalendarObjects objects;
	private final CalendarProperties properties;

	CalDavEndpoint(DavEngine engine, Calendars calendars, CalendarObjects objects, CalendarProperties properties) {
		super(engine, ROOT, WELL_KNOWN, CalDav.caldav("calendar-home-set"), "calendar-access", "calendars");
		this.calendars = calendars;
		this.objects = objects;
		this.properties = properties;
	}

	@Override
	protected DavRepository home(SchulhausUser user, String root, String home) {
		return new CalendarHome(user, calendars, objects, properties, root, home);
	}
}
