package de.schulhaus.calendar.dav;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;

import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;
import de.schulhaus.dav.DavXmlOut;

/**
 * CalDAV's Schedule-Tag (RFC 6638 3.2.10, 8.2, 8.3) for one request of a calendar home: the tag of a
 * scheduling object resource in GET and PUT answers and as the {@code schedule-tag} property, and the
 * {@code If-Schedule-Tag-Match} condition of PUT and DELETE. The tag itself is kept by {@code internal.Scheduling}:
 * it changes with what the organiser or the invitee changes, not with an answer merged into the organiser's event.
 */
final class ScheduleTags {

	static final QName PROPERTY = CalDav.caldav("schedule-tag");
	static final String HEADER = "Schedule-Tag";
	static final String CONDITION = "If-Schedule-Tag-Match";

	private final CalendarHome home;
	/** The tags of a calendar's objects, read once per request when a PROPFIND or REPORT asks for them. */
	private final Map<UUID, Map<String, String>> byCalendar = new HashMap<>();

	ScheduleTags(CalendarHome home) {
		this.home = home;
	}

	Map<String, String> headers(DavResource resource) {
		return tag(resource.path()).map(tag -> Map.of(HEADER, "\"" + tag + "\"")).orElse(Map.of());
	}

	/** If-Schedule-Tag-Match: 412 unless the object is a scheduling object whose tag is one of those named. */
	void check(Optional<DavResource> target, Function<String, String> header) {
		String wanted = header.apply(CONDITION);
		if (wanted == null) {
			return;
		}
		Optional<String> current = target.flatMap(r -> tag(r.path()));
		if (current.isEmpty()) {
			throw new DavException(412, "If-Schedule-Tag-Match names a Schedule-Tag, but nothing with one is at this path; nothing was changed.");
		}
		boolean matches = Arrays.stream(wanted.split(",")).map(String::strip).map(t -> t.startsWith("W/") ? t.substring(2) : t)
			.map(t -> t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t)
			.anyMatch(current.get()::equals);
		if (!matches) {
			throw new DavException(412, "The organiser changed this event since you read it (Schedule-Tag \"" + current.get()
					+ "\"); read it again and make your change there. Nothing was changed.");
		}
	}

	/** The schedule-tag property of an event or task; false where there is none. */
	boolean write(DavResource resource, DavXmlOut out) throws XMLStreamException {
		if (resource.path().segments().size() != 2) {
			return false;
		}
		Optional<Calendar> calendar = home.calendar(resource.path().segments().get(0));
		if (calendar.isEmpty()) {
			return false;
		}
		String tag = byCalendar.computeIfAbsent(calendar.get().id(), id -> home.objects().scheduleTags(calendar.get())).get(resource.path().name());
		if (tag == null) {
			return false;
		}
		out.element(PROPERTY, "\"" + tag + "\"");
		return true;
	}

	private Optional<String> tag(DavPath path) {
		if (path.segments().size() != 2) {
			return Optional.empty();
		}
		return home.calendar(path.segments().get(0)).flatMap(c -> home.objects().scheduleTag(c, path.name()));
	}
}
