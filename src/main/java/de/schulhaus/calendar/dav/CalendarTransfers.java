package de.schulhaus.calendar.dav;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;

/**
 * COPY and MOVE of an event or task between the calendars of one home (RFC 4791 allows both): the engine
 * has checked Destination, Overwrite and locks; the copy is written like a PUT into the target calendar, so
 * the same rules hold there (may write, component type, UID unique, exam limits, room bookings). A move
 * deletes in the source calendar and writes in the target in one transaction: each calendar's sync token
 * moves on, the source's with a deletion, the target's with an addition.
 */
final class CalendarTransfers {

	private CalendarTransfers() {
	}

	static void copy(CalendarHome home, DavResource source, DavPath target) {
		byte[] data = data(home, source);
		home.write(object(target), new ByteArrayInputStream(data), "text/calendar", data.length);
	}

	static void move(CalendarHome home, DavResource source, DavPath target) {
		byte[] data = data(home, source);
		Calendar from = home.calendar(source.path().segments().get(0)).orElseThrow();
		if (!from.writable()) {
			throw new DavException(403, "You may read this calendar but not change it; copy the event instead.", "need-privileges");
		}
		DavPath to = object(target);
		home.objects().move(from, source.path().name(),
				() -> home.write(to, new ByteArrayInputStream(data), "text/calendar", data.length));
	}

	private static DavPath object(DavPath target) {
		if (target.segments().size() != 2) {
			throw new DavException(403, "Events and tasks go into a calendar.", CalDav.caldav("calendar-collection-location-ok"), null);
		}
		return target;
	}

	private static byte[] data(CalendarHome home, DavResource source) {
		if (source.collection()) {
			throw new DavException(403, "Calendars are not copied or moved; their events are, one by one.");
		}
		Calendar calendar = home.calendar(source.path().segments().get(0)).orElseThrow();
		CalendarObjects.Entry entry = home.objects().find(calendar, source.path().name())
			.orElseThrow(() -> new DavException(404, "Nothing is at " + source.path() + "."));
		// a copy out of a calendar the person only reads is what they may read of it
		return home.shown(calendar, entry).data().getBytes(StandardCharsets.UTF_8);
	}
}
