package de.schulhaus.calendar.dav;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.namespace.QName;

import de.schulhaus.calendar.internal.BusyOnly;
import de.schulhaus.calendar.internal.BusyTimes;
import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.CalendarData;
import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.dav.DavElement;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavReport;
import de.schulhaus.dav.DavReportRequest;
import de.schulhaus.dav.DavResource;

/**
 * The REPORTs CalDAV clients use to read: {@code calendar-multiget} (the events named, in one query),
 * {@code calendar-query} (by component type and time range; recurring events are expanded, bounded, to
 * check), and {@code sync-collection} (RFC 6578: what changed since a token).
 */
final class CalDavReports {

	/** Floating times and all-day dates are read in the school's zone. */
	static final ZoneId SCHOOL_ZONE = ZoneId.of("Europe/Berlin");
	private static final String TOKEN_PREFIX = "urn:x-schulhaus:sync:";
	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	private CalDavReports() {
	}

	static Optional<DavReport> answer(CalendarHome home, DavReportRequest request) {
		DavElement body = request.body();
		if (CalendarHome.box(request.target().path())) {
			return box(request);
		}
		if (body.is(CalDav.CALDAV, "calendar-multiget")) {
			return Optional.of(multiget(home, request));
		}
		if (body.is(CalDav.CALDAV, "calendar-query")) {
			return Optional.of(query(home, request));
		}
		if (body.is(CalDav.DAV, "sync-collection")) {
			return Optional.of(sync(home, request));
		}
		if (body.is(CalDav.CALDAV, "free-busy-query")) {
			return Optional.of(freeBusy(home, request));
		}
		return Optional.empty();
	}

	/** The scheduling inbox and outbox hold nothing: queries and syncs of them answer empty. */
	private static Optional<DavReport> box(DavReportRequest request) {
		DavElement body = request.body();
		if (body.is(CalDav.DAV, "sync-collection")) {
			return Optional.of(new DavReport(properties(body), List.of(), TOKEN_PREFIX + request.target().path().name() + ":0"));
		}
		if (body.is(CalDav.CALDAV, "calendar-query") || body.is(CalDav.CALDAV, "calendar-multiget")) {
			return Optional.of(new DavReport(properties(body), List.of(), null));
		}
		return Optional.empty();
	}

	static String token(Calendar calendar) {
		return TOKEN_PREFIX + calendar.id() + ":" + calendar.revision();
	}

	private static List<QName> properties(DavElement body) {
		List<QName> names = body.requestedProperties();
		return names.isEmpty() ? List.of(CalDav.GETETAG) : names;
	}

	/**
	 * The object as this person may read it ({@link BusyOnly}): a private event of a calendar they only read is
	 * sent stripped, under its stored ETag.
	 */
	private static CalendarObjects.Entry shown(CalendarHome home, Calendar calendar, CalendarObjects.Entry entry) {
		return BusyOnly.forReader(calendar, entry, home.person());
	}

	/**
	 * The calendar-data of an object as shown; with an {@code expand} asked for, its instances in the range instead.
	 *
	 * @param stored the object as stored, the same as {@code entry} unless that is stripped
	 */
	private static Map<QName, String> values(CalendarObjects.Entry stored, CalendarObjects.Entry entry, boolean data, Instant[] expand) {
		if (!data || entry.data() == null) {
			return Map.of();
		}
		if (expand == null) {
			return Map.of(CalDav.CALENDAR_DATA, entry.data());
		}
		// parsed objects are kept by ETag: a stripped text, which shares the stored one's, is expanded without that cache
		CalendarObjects.Entry expandable = entry == stored ? entry : new CalendarObjects.Entry(entry.name(), entry.uid(), entry.component(),
				entry.size(), null, entry.created(), entry.updated(), entry.startsAt(), entry.endsAt(), entry.recurring(), entry.data());
		try {
			return Map.of(CalDav.CALENDAR_DATA, CalendarData.expanded(expandable, expand[0], expand[1], SCHOOL_ZONE));
		}
		catch (de.schulhaus.calendar.internal.InvalidCalendarData ex) {
			// stored before a rule got stricter: sent as it is rather than not at all
			return Map.of(CalDav.CALENDAR_DATA, entry.data());
		}
	}

	/**
	 * RFC 4791 9.6.5: {@code <C:calendar-data><C:expand start=".." end=".."/></C:calendar-data>} asks for the
	 * instances within [start, end) in UTC; null when the report asks for the data as stored.
	 */
	static Instant[] expand(DavElement body) {
		Optional<DavElement> expand = body.child(CalDav.DAV, "prop").flatMap(p -> p.child(CalDav.CALDAV, "calendar-data"))
			.flatMap(d -> d.child(CalDav.CALDAV, "expand"));
		if (expand.isEmpty()) {
			return null;
		}
		Instant start = time(expand.get().attribute("start").orElse(null));
		Instant end = time(expand.get().attribute("end").orElse(null));
		if (start == null || end == null || !end.isAfter(start)) {
			throw new DavException(400, "expand names a start and an end after it, in UTC like 20260301T000000Z.");
		}
		return new Instant[] { start, end };
	}

	private static DavReport multiget(CalendarHome home, DavReportRequest request) {
		List<QName> names = properties(request.body());
		boolean data = names.contains(CalDav.CALENDAR_DATA);
		Instant[] expand = expand(request.body());
		List<DavPath> paths = new ArrayList<>();
		for (DavElement href : request.body().all(CalDav.DAV, "href")) {
			paths.add(request.paths().apply(href.text()).orElseThrow(() -> new DavException(403, href.text() + " is not in your calendars.")));
		}
		// the events of each calendar in one query
		Map<String, List<String>> byCalendar = new LinkedHashMap<>();
		paths.stream().filter(p -> p.segments().size() == 2)
			.forEach(p -> byCalendar.computeIfAbsent(p.segments().get(0), k -> new ArrayList<>()).add(p.name()));
		Map<DavPath, DavReport.Item> found = new HashMap<>();
		byCalendar.forEach((slug, objectNames) -> home.calendar(slug).ifPresent(calendar -> {
			for (CalendarObjects.Entry entry : home.objects().withData(calendar, objectNames)) {
				CalendarObjects.Entry shown = shown(home, calendar, entry);
				DavResource resource = CalendarHome.resource(calendar, shown);
				found.put(resource.path(), new DavReport.Item(resource.path(), resource, values(entry, shown, data, expand)));
			}
		}));
		List<DavReport.Item> items = paths.stream().map(p -> found.getOrDefault(p, DavReport.Item.gone(p))).toList();
		return new DavReport(names, items, null);
	}

	private static DavReport query(CalendarHome home, DavReportRequest request) {
		DavResource target = request.target();
		if (target.path().segments().size() != 1) {
			throw new DavException(403, "calendar-query is asked of a calendar.", CalDav.caldav("calendar-collection-location-ok"), null);
		}
		Calendar calendar = home.calendar(target.path().name()).orElseThrow();
		List<QName> names = properties(request.body());
		boolean data = names.contains(CalDav.CALENDAR_DATA);
		Instant[] expand = expand(request.body());
		DavElement filter = request.body().child(CalDav.CALDAV, "filter")
			.orElseThrow(() -> new DavException(403, "calendar-query needs a filter.", CalDav.caldav("valid-filter"), null));
		DavElement vcalendar = single(filter, "VCALENDAR");
		String component = null;
		List<PropertyFilter> propertyFilters = new ArrayList<>();
		Instant start = null;
		Instant end = null;
		if (vcalendar.children().stream().anyMatch(c -> !c.is(CalDav.CALDAV, "comp-filter"))) {
			throw unsupported("only comp-filter is served on VCALENDAR");
		}
		List<DavElement> inner = vcalendar.all(CalDav.CALDAV, "comp-filter");
		if (inner.size() > 1) {
			throw unsupported("one component type per query");
		}
		if (inner.size() == 1) {
			DavElement componentFilter = inner.get(0);
			component = componentFilter.attribute("name").orElse("").toUpperCase(java.util.Locale.ROOT);
			for (DavElement test : componentFilter.children()) {
				if (test.is(CalDav.CALDAV, "prop-filter")) {
					propertyFilters.add(PropertyFilter.of(test));
				}
				else if (test.is(CalDav.CALDAV, "time-range")) {
					start = time(test.attribute("start").orElse(null));
					end = time(test.attribute("end").orElse(null));
					if (start == null && end == null) {
						throw new DavException(403, "A time-range has a start, an end or both.", CalDav.caldav("valid-filter"), null);
					}
					if (start != null && end != null && !end.isAfter(start)) {
						throw new DavException(403, "A time-range ends after it starts.", CalDav.caldav("valid-filter"), null);
					}
				}
				else {
					throw unsupported(test.name().getLocalPart() + " inside a comp-filter");
				}
			}
		}
		boolean range = start != null || end != null;
		boolean readData = data || range || propertyFilters.stream().anyMatch(PropertyFilter::needsData);
		List<CalendarObjects.Entry> candidates = home.objects().candidates(calendar, component, start, end, readData);
		List<DavReport.Item> items = new ArrayList<>();
		Instant from = start == null ? Instant.parse("1900-01-01T00:00:00Z") : start;
		Instant to = end == null ? Instant.parse("2200-01-01T00:00:00Z") : end;
		for (CalendarObjects.Entry entry : candidates) {
			if (range && entry.recurring() && !CalendarData.overlaps(entry, from, to, SCHOOL_ZONE)) {
				continue;
			}
			String type = entry.component();
			// words of a hidden title or place must not be found by a text-match either
			CalendarObjects.Entry shown = shown(home, calendar, entry);
			if (!propertyFilters.stream().allMatch(f -> f.matches(shown, type))) {
				continue;
			}
			DavResource resource = CalendarHome.resource(calendar, shown);
			items.add(new DavReport.Item(resource.path(), resource, values(entry, shown, data, expand)));
		}
		return new DavReport(names, items, null);
	}

	/**
	 * RFC 4791 7.10: when the calendar's events make the person busy within a time range, as one VFREEBUSY;
	 * transparent and cancelled events leave them free. Names no titles: only the times are told.
	 */
	private static DavReport freeBusy(CalendarHome home, DavReportRequest request) {
		DavResource target = request.target();
		if (target.path().segments().size() != 1) {
			throw new DavException(403, "free-busy-query is asked of a calendar.", CalDav.caldav("calendar-collection-location-ok"), null);
		}
		Calendar calendar = home.calendar(target.path().name()).orElseThrow();
		DavElement range = request.body().child(CalDav.CALDAV, "time-range")
			.orElseThrow(() -> new DavException(400, "A free-busy-query names a time-range."));
		Instant start = time(range.attribute("start").orElse(null));
		Instant end = time(range.attribute("end").orElse(null));
		if (start == null || end == null || !end.isAfter(start) || end.isAfter(start.plus(java.time.Duration.ofDays(366)))) {
			throw new DavException(400, "A free-busy-query's time-range has a start and an end, at most a year apart.");
		}
		List<BusyTimes.Period> busy = home.services().busy().of(calendar, start, end);
		return DavReport.document("text/calendar;charset=UTF-8", BusyTimes.vfreebusy(null, start, end, busy, List.of()));
	}

	private static DavElement single(DavElement filter, String name) {
		List<DavElement> filters = filter.all(CalDav.CALDAV, "comp-filter");
		if (filters.size() != 1 || !filters.get(0).attribute("name").orElse("").equalsIgnoreCase(name)) {
			throw new DavException(403, "A filter starts with comp-filter " + name + ".", CalDav.caldav("valid-filter"), null);
		}
		return filters.get(0);
	}

	private static DavException unsupported(String what) {
		return new DavException(403, "This server does not filter by " + what + ".", CalDav.caldav("supported-filter"), null);
	}

	private static Instant time(String value) {
		if (value == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip(), UTC).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new DavException(403, "A time-range is in UTC, like 20260301T000000Z: " + value, CalDav.caldav("valid-filter"), null);
		}
	}

	private static DavReport sync(CalendarHome home, DavReportRequest request) {
		DavResource target = request.target();
		if (target.path().segments().size() != 1) {
			throw new DavException(403, "sync-collection is asked of a calendar.", "valid-sync-token");
		}
		Calendar calendar = home.calendar(target.path().name()).orElseThrow();
		String level = request.body().child(CalDav.DAV, "sync-level").map(DavElement::text).orElse("1");
		if (!level.equals("1")) {
			throw new DavException(403, "A calendar has one level; ask with sync-level 1.", "supported-report");
		}
		List<QName> names = properties(request.body());
		boolean data = names.contains(CalDav.CALENDAR_DATA);
		String given = request.body().child(CalDav.DAV, "sync-token").map(DavElement::text).orElse("");
		// the revision is read before the changes: a change committed in between is sent now and again next time, never lost
		String token = token(calendar);
		List<DavReport.Item> items = new ArrayList<>();
		if (given.isEmpty()) {
			for (CalendarObjects.Entry entry : data ? home.objects().candidates(calendar, null, null, null, true) : home.objects().list(calendar)) {
				CalendarObjects.Entry shown = shown(home, calendar, entry);
				DavResource resource = CalendarHome.resource(calendar, shown);
				items.add(new DavReport.Item(resource.path(), resource, values(entry, shown, data, null)));
			}
			return new DavReport(names, items, token);
		}
		long since = revision(given, calendar);
		for (CalendarObjects.Change change : home.objects().changesSince(calendar, since, data)) {
			DavPath path = target.path().child(change.name());
			if (change.entry() == null) {
				items.add(DavReport.Item.gone(path));
			}
			else {
				CalendarObjects.Entry shown = shown(home, calendar, change.entry());
				DavResource resource = CalendarHome.resource(calendar, shown);
				items.add(new DavReport.Item(path, resource, values(change.entry(), shown, data, null)));
			}
		}
		return new DavReport(names, items, token);
	}

	private static long revision(String token, Calendar calendar) {
		String prefix = TOKEN_PREFIX + calendar.id() + ":";
		if (token.startsWith(prefix)) {
			try {
				long revision = Long.parseLong(token.substring(prefix.length()));
				if (revision >= 0 && revision <= calendar.revision()) {
					return revision;
				}
			}
			catch (NumberFormatException ex) {
				// refused below
			}
		}
		throw new DavException(403, "This sync token is not one of this calendar; sync again from the start.", "valid-sync-token");
	}
}
