package de.schulhaus.calendar.dav;

import de.schulhaus.calendar.internal.BusyTimes;
import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.calendar.internal.CalendarProperties;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.calendar.internal.FreeBusyLookup;
import de.schulhaus.calendar.internal.Scheduling;

/** The calendar module's services a CalDAV home works with, handed over as one. */
record CalDavServices(Calendars calendars, CalendarObjects objects, CalendarProperties properties, Scheduling scheduling, BusyTimes busy,
		FreeBusyLookup freeBusy) {
}
