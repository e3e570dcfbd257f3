package de.schulhaus.calendar.dav;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;

import de.schulhaus.calendar.internal.Bookings;
import de.schulhaus.calendar.internal.BusyOnly;
import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.CalendarData;
import de.schulhaus.calendar.internal.CalendarKind;
import de.schulhaus.calendar.internal.CalendarObject;
import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.calendar.internal.ExamRules;
import de.schulhaus.calendar.internal.CalendarProperties;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.calendar.internal.InvalidCalendarData;
import de.schulhaus.calendar.internal.Scheduling;
import de.schulhaus.dav.DavElement;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavExtension;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavReport;
import de.schulhaus.dav.DavReportRequest;
import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;
import de.schulhaus.dav.DavXmlOut;
import de.schulhaus.dav.DeadProperty;
import de.schulhaus.platform.SchulhausUser;

/**
 * One person's calendar home at {@code /caldav/<sign-in>/}, which is also their principal: the calendars
 * they see as collections, each event or task as a resource in one. The engine does WebDAV; this tree adds
 * CalDAV's properties and reports, and checks who may change what.
 */
final class CalendarHome implements DavRepository, DavExtension {

	private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
	private static final String CALENDAR_TYPE = "text/calendar; charset=utf-8";

	static final Set<QName> LIVE = Set.of(CalDav.dav("current-user-principal"), CalDav.dav("principal-URL"), CalDav.dav("owner"),
			CalDav.dav("current-user-privilege-set"), CalDav.dav("supported-report-set"), CalDav.dav("sync-token"),
			CalDav.dav("principal-collection-set"), CalDav.caldav("calendar-home-set"), CalDav.caldav("calendar-user-address-set"),
			CalDav.caldav("supported-calendar-component-set"), CalDav.caldav("supported-calendar-data"), CalDav.caldav("max-resource-size"),
			CalDav.CALENDAR_DATA, new QName(CalDav.CS, "getctag"), CalDav.caldav("schedule-inbox-URL"), CalDav.caldav("schedule-outbox-URL"),
			CalDav.caldav("calendar-user-type"), CalDav.caldav("schedule-default-calendar-URL"), ScheduleTags.PROPERTY);

	private final SchulhausUser person;
	private final Calendars calendars;
	private final CalendarObjects objects;
	private final CalendarProperties properties;
	private final CalDavServices services;
	private final String root;
	private final String home;
	private final ScheduleTags scheduleTags = new ScheduleTags(this);
	private List<Calendar> visible;

	/**
	 * @param root the raw path of {@code /caldav/}
	 * @param home the raw path of this home, ending in a slash
	 */
	CalendarHome(SchulhausUser person, CalDavServices services, String root, String home) {
		this.person = person;
		this.services = services;
		this.calendars = services.calendars();
		this.objects = services.objects();
		this.properties = services.properties();
		this.root = root;
		this.home = home;
	}

	String home() {
		return home;
	}

	/** The calendars the person sees, read once per request. */
	List<Calendar> calendars() {
		if (visible == null) {
			visible = calendars.visibleTo(person);
		}
		return visible;
	}

	Optional<Calendar> calendar(String slug) {
		if (box(slug)) {
			return Optional.empty();
		}
		return calendars().stream().filter(c -> c.slug().equals(slug)).findFirst();
	}

	CalendarObjects objects() {
		return objects;
	}

	CalDavServices services() {
		return services;
	}

	SchulhausUser person() {
		return person;
	}

	/** The scheduling inbox or outbox (RFC 6638 2.2, 2.1): collections beside the calendars, not calendars. */
	static boolean box(String slug) {
		return Calendars.INBOX.equals(slug) || Calendars.OUTBOX.equals(slug);
	}

	static boolean box(DavPath path) {
		return path.segments().size() == 1 && box(path.name());
	}

	private static DavResource boxResource(String slug) {
		return new DavResource(DavPath.ROOT.child(slug), true, 0, null, slug, EPOCH, EPOCH);
	}

	// --- the tree

	@Override
	public UUID schoolId() {
		return person.schoolId();
	}

	@Override
	public String lockSpace() {
		return "calendar:" + person.accountId();
	}

	@Override
	public Optional<DavResource> find(DavPath path) {
		return switch (path.segments().size()) {
			case 0 -> Optional.of(new DavResource(path, true, 0, null, "home", EPOCH, EPOCH));
			case 1 -> box(path.name()) ? Optional.of(boxResource(path.name())) : calendar(path.name()).map(CalendarHome::resource);
			case 2 -> calendar(path.segments().get(0)).flatMap(c -> objects.find(c, path.name()).map(e -> resource(c, shown(c, e))));
			default -> Optional.empty();
		};
	}

	static DavResource resource(Calendar calendar) {
		Instant updated = calendar.updated().isBefore(EPOCH) ? EPOCH : calendar.updated();
		return new DavResource(DavPath.ROOT.child(calendar.slug()), true, 0, null, calendar.id().toString().replace("-", "") + "-" + calendar.revision(),
				updated, updated);
	}

	static DavResource resource(Calendar calendar, CalendarObjects.Entry entry) {
		return new DavResource(DavPath.ROOT.child(calendar.slug()).child(entry.name()), false, entry.size(), CALENDAR_TYPE, entry.etag(), entry.created(),
				entry.updated());
	}

	@Override
	public List<DavResource> children(DavResource collection) {
		if (collection.path().isRoot()) {
			List<DavResource> children = new ArrayList<>(calendars().stream().map(CalendarHome::resource).toList());
			children.add(boxResource(Calendars.INBOX));
			children.add(boxResource(Calendars.OUTBOX));
			return children;
		}
		if (box(collection.path())) {
			// invitations go straight into the personal calendar: the inbox stays empty
			return List.of();
		}
		if (collection.path().segments().size() == 1) {
			Calendar calendar = calendar(collection.path().name()).orElseThrow();
			return objects.list(calendar).stream().map(e -> resource(calendar, e)).toList();
		}
		return List.of();
	}

	@Override
	public Map<DavPath, List<DeadProperty>> deadProperties(Collection<DavResource> resources) {
		Map<DavPath, List<DeadProperty>> found = new HashMap<>();
		List<Calendar> asked = resources.stream().filter(r -> r.path().segments().size() == 1)
			.flatMap(r -> calendar(r.path().name()).stream()).toList();
		Map<UUID, List<DeadProperty>> stored = properties.of(asked.stream().filter(Calendar::stored).map(Calendar::id).toList());
		for (Calendar calendar : asked) {
			List<DeadProperty> list = new ArrayList<>();
			list.add(DeadProperty.ofText(CalDav.DISPLAYNAME, calendar.name()));
			if (calendar.color() != null) {
				list.add(DeadProperty.ofText(CalDav.CALENDAR_COLOR, calendar.color()));
			}
			if (calendar.description() != null) {
				list.add(DeadProperty.ofText(CalDav.CALENDAR_DESCRIPTION, calendar.description()));
			}
			list.addAll(stored.getOrDefault(calendar.id(), List.of()));
			found.put(DavPath.ROOT.child(calendar.slug()), list);
		}
		if (resources.stream().anyMatch(r -> r.path().isRoot())) {
			found.put(DavPath.ROOT, List.of(DeadProperty.ofText(CalDav.DISPLAYNAME, person.displayName())));
		}
		return found;
	}

	@Override
	public void patchProperties(DavResource resource, List<DeadProperty> set, List<QName> remove) {
		if (resource.path().segments().size() != 1 || box(resource.path())) {
			throw new DavException(403, "Only calendars take properties here.", "cannot-modify-protected-property");
		}
		Calendar calendar = calendar(resource.path().name()).orElseThrow();
		if (!calendar.writable()) {
			throw new DavException(403, "You may not change this calendar.", "need-privileges");
		}
		String name = null;
		String color = null;
		String description = null;
		List<DeadProperty> others = new ArrayList<>();
		for (DeadProperty property : set) {
			if (property.name().equals(CalDav.DISPLAYNAME)) {
				if (calendar.kind() != CalendarKind.PERSON) {
					throw new DavException(403, "A group's or the school's calendar is named after it.", "cannot-modify-protected-property");
				}
				name = property.text(200);
			}
			else if (property.name().equals(CalDav.CALENDAR_COLOR)) {
				color = property.text(16);
			}
			else if (property.name().equals(CalDav.CALENDAR_DESCRIPTION)) {
				description = property.text(2000);
			}
			else {
				others.add(property);
			}
		}
		List<QName> removeOthers = new ArrayList<>();
		for (QName gone : remove) {
			if (gone.equals(CalDav.CALENDAR_COLOR)) {
				color = "";
			}
			else if (gone.equals(CalDav.CALENDAR_DESCRIPTION)) {
				description = "";
			}
			else if (!gone.equals(CalDav.DISPLAYNAME)) {
				removeOthers.add(gone);
			}
		}
		try {
			calendars.patch(calendar, name, color, description, others, removeOthers);
		}
		catch (IllegalArgumentException ex) {
			throw new DavException(403, "A property is too large.");
		}
	}


	@Override
	public InputStream read(DavResource resource, long offset, long length) {
		return DavRepository.slice(data(resource), offset, length);
	}

	private byte[] data(DavResource resource) {
		if (resource.collection()) {
			throw new DavException(405, "A calendar is read with PROPFIND and REPORT, or exported in the browser.");
		}
		Calendar calendar = calendar(resource.path().segments().get(0)).orElseThrow();
		return objects.find(calendar, resource.path().name()).map(e -> shown(calendar, e).data().getBytes(StandardCharsets.UTF_8))
			.orElseThrow(() -> new DavException(404, "Nothing is at " + resource.path() + "."));
	}

	/** The object as this person may read it: a private event of a calendar they only read stripped to busy ({@link BusyOnly}). */
	CalendarObjects.Entry shown(Calendar calendar, CalendarObjects.Entry entry) {
		return BusyOnly.forReader(calendar, entry, person);
	}

	@Override
	public DavResource write(DavPath path, InputStream content, String contentType, long length) {
		if (path.segments().size() != 2) {
			throw new DavException(403, "Events and tasks go into a calendar.", new QName(CalDav.CALDAV, "calendar-collection-location-ok"), null);
		}
		Calendar calendar = calendar(path.segments().get(0)).orElseThrow(() -> new DavException(409, "There is no such calendar."));
		if (!calendar.writable()) {
			throw new DavException(403, "You may read this calendar but not change it.", "need-privileges");
		}
		if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("text/calendar")) {
			throw new DavException(403, "A calendar takes iCalendar data (text/calendar), not " + contentType + ".", CalDav.caldav("supported-calendar-data"),
					null);
		}
		if (length > CalDav.MAX_RESOURCE_SIZE) {
			throw new DavException(403, "An event or task is at most " + CalDav.MAX_RESOURCE_SIZE + " bytes.", CalDav.caldav("max-resource-size"), null);
		}
		CalendarObject object;
		try {
			object = CalendarData.parse(content, CalDav.MAX_RESOURCE_SIZE);
		}
		catch (InvalidCalendarData ex) {
			throw new DavException(403, ex.getMessage(), CalDav.caldav(ex.precondition()), null);
		}
		if (!calendar.components().contains(object.component())) {
			throw new DavException(403, "This calendar takes " + String.join(" and ", calendar.components()) + ", not " + object.component() + ".",
					CalDav.caldav("supported-calendar-component"), null);
		}
		try {
			CalendarObjects.Entry stored = services.scheduling().put(calendar, path.name(), object, person.accountId());
			DavResource written = resource(calendar, stored);
			// the server changed what was sent (answers, delivery statuses): no ETag, so the client reads it again (RFC 4791 5.3.4)
			return stored.data().equals(object.text()) ? written
					: new DavResource(written.path(), false, written.length(), written.contentType(), null, written.created(), written.modified());
		}
		catch (Scheduling.TooManyInvitees ex) {
			throw new DavException(403, ex.getMessage());
		}
		catch (ExamRules.TooMany ex) {
			throw new DavException(403, "The class has " + ex.others().size() + " exams in that week already (" + String.join(", ", ex.others())
					+ "); the school allows " + ex.limit() + ". Nothing was saved.");
		}
		catch (Bookings.Conflict ex) {
			var taken = ex.existing();
			throw new DavException(409, taken.resourceName() + " is booked from " + taken.start() + " to " + taken.end()
					+ (taken.title() == null ? "" : " (" + taken.title() + ")") + "; nothing was saved.");
		}
		catch (InvalidCalendarData ex) {
			throw new DavException(403, ex.getMessage(), CalDav.caldav(ex.precondition()), null);
		}
		catch (CalendarObjects.UidConflict ex) {
			throw new DavException(403, "Another event of this calendar has the UID " + object.uid() + ".", CalDav.caldav("no-uid-conflict"),
					home + calendar.slug() + "/" + ex.name());
		}
	}

	@Override
	public void createCollection(DavPath path) {
		throw new DavException(403, "Calendars are made with MKCALENDAR.");
	}

	@Override
	public void makeCollection(DavPath path, List<QName> types, List<DeadProperty> set) {
		if (path.segments().size() != 1 || !types.contains(CalDav.CALENDAR)) {
			throw new DavException(403, "Calendars are made directly in the calendar home.", new QName(CalDav.CALDAV, "calendar-collection-location-ok"),
					null);
		}
		String name = path.name();
		String color = null;
		String description = null;
		List<String> components = List.of("VEVENT", "VTODO");
		List<DeadProperty> others = new ArrayList<>();
		for (DeadProperty property : set) {
			if (property.name().equals(CalDav.DISPLAYNAME)) {
				name = property.text(200);
			}
			else if (property.name().equals(CalDav.CALENDAR_COLOR)) {
				color = property.text(16);
			}
			else if (property.name().equals(CalDav.CALENDAR_DESCRIPTION)) {
				description = property.text(2000);
			}
			else if (property.name().equals(CalDav.caldav("supported-calendar-component-set"))) {
				components = components(property);
			}
			else if (!LIVE.contains(property.name())) {
				others.add(property);
			}
		}
		try {
			calendars.create(person, path.name(), name.isBlank() ? path.name() : name, color, description, components, others);
		}
		catch (IllegalArgumentException ex) {
			throw new DavException(405, "A calendar of that name exists.", "resource-must-be-null");
		}
	}

	private static List<String> components(DeadProperty property) {
		DavElement set = DavElement.parse(("<s xmlns=\"x:\">" + property.xml() + "</s>").getBytes(StandardCharsets.UTF_8));
		List<String> names = set.children().stream().filter(c -> c.is(CalDav.CALDAV, "comp")).map(c -> c.attribute("name").orElse(""))
			.map(n -> n.toUpperCase(Locale.ROOT)).distinct().toList();
		if (names.isEmpty() || !Stream.of("VEVENT", "VTODO").toList().containsAll(names)) {
			throw new DavException(403, "A calendar here takes VEVENT and VTODO.", CalDav.caldav("supported-calendar-component"), null);
		}
		return names;
	}

	@Override
	public void delete(DavResource resource) {
		if (box(resource.path())) {
			throw new DavException(403, "The scheduling inbox and outbox stay.", "need-privileges");
		}
		Calendar calendar = calendar(resource.path().segments().get(0)).orElseThrow();
		if (resource.collection()) {
			if (!calendar.removable()) {
				throw new DavException(403, calendar.kind() == CalendarKind.PERSON ? "Your personal calendar stays; empty it instead."
						: "A group's or the school's calendar goes only with the group or the school.", "need-privileges");
			}
			calendars.delete(calendar);
			return;
		}
		if (!calendar.writable()) {
			throw new DavException(403, "You may read this calendar but not change it.", "need-privileges");
		}
		services.scheduling().delete(calendar, resource.path().name(), person.accountId());
	}

	@Override
	public void copy(DavResource source, DavPath target, boolean deep) {
		CalendarTransfers.copy(this, source, target);
	}

	@Override
	public void move(DavResource source, DavPath target) {
		CalendarTransfers.move(this, source, target);
	}

	// --- CalDAV

	@Override
	public DavExtension extension() {
		return this;
	}

	@Override
	public List<String> complianceClasses() {
		return List.of("3", "calendar-access", "calendar-auto-schedule");
	}

	@Override
	public List<String> methods() {
		return List.of("REPORT", "MKCALENDAR", "POST");
	}

	@Override
	public List<QName> resourceTypes(DavResource resource) {
		return switch (resource.path().segments().size()) {
			case 0 -> List.of(CalDav.dav("principal"));
			case 1 -> switch (resource.path().name()) {
				case Calendars.INBOX -> List.of(CalDav.caldav("schedule-inbox"));
				case Calendars.OUTBOX -> List.of(CalDav.caldav("schedule-outbox"));
				default -> List.of(CalDav.CALENDAR);
			};
			default -> List.of();
		};
	}

	@Override
	public List<QName> liveProperties(DavResource resource) {
		if (box(resource.path())) {
			return List.of();
		}
		if (resource.path().segments().size() == 1) {
			return List.of(new QName(CalDav.CS, "getctag"), CalDav.dav("sync-token"), CalDav.caldav("supported-calendar-component-set"));
		}
		return List.of();
	}

	@Override
	public boolean isLive(QName name) {
		return LIVE.contains(name);
	}

	@Override
	public boolean writeProperty(QName name, DavResource resource, DavXmlOut out) throws XMLStreamException {
		int level = resource.path().segments().size();
		if (box(resource.path())) {
			return CalDavScheduling.writeBoxProperty(name, resource.path().name(), home, out);
		}
		Optional<Calendar> calendar = level == 0 ? Optional.empty() : calendar(resource.path().segments().get(0));
		switch (name.getLocalPart()) {
			case "schedule-inbox-URL", "schedule-outbox-URL", "calendar-user-type" -> {
				if (level != 0) {
					return false;
				}
				if (name.getLocalPart().equals("calendar-user-type")) {
					out.element(name, "INDIVIDUAL");
				}
				else {
					out.start(name).href(home + (name.getLocalPart().startsWith("schedule-inbox") ? Calendars.INBOX : Calendars.OUTBOX) + "/").end();
				}
			}
			case "current-user-principal" -> out.start(name).href(home).end();
			case "principal-URL", "calendar-home-set" -> {
				if (level != 0) {
					return false;
				}
				out.start(name).href(home).end();
			}
			case "principal-collection-set" -> out.start(name).href(root).end();
			case "calendar-user-address-set" -> {
				if (level != 0) {
					return false;
				}
				out.start(name).href("mailto:" + person.login()).href("urn:uuid:" + person.accountId()).href(home).end();
			}
			case "owner" -> {
				if (calendar.isPresent() && calendar.get().kind() != CalendarKind.PERSON) {
					out.empty(name);
				}
				else {
					out.start(name).href(home).end();
				}
			}
			case "current-user-privilege-set" -> out.privileges(level != 0 && calendar.map(Calendar::writable).orElse(false), CalDav.caldav("read-free-busy"));
			case "supported-report-set" -> {
				if (level == 2) {
					return false;
				}
				out.start(name);
				for (QName report : List.of(CalDav.caldav("calendar-multiget"), CalDav.caldav("calendar-query"), CalDav.caldav("free-busy-query"),
						CalDav.dav("sync-collection"))) {
					out.start(CalDav.dav("supported-report")).start(CalDav.dav("report")).empty(report).end().end();
				}
				out.end();
			}
			case "sync-token" -> {
				if (level != 1) {
					return false;
				}
				out.element(name, CalDavReports.token(calendar.orElseThrow()));
			}
			case "getctag" -> {
				if (level != 1) {
					return false;
				}
				out.element(name, String.valueOf(calendar.orElseThrow().revision()));
			}
			case "supported-calendar-component-set" -> {
				if (level != 1) {
					return false;
				}
				out.start(name);
				for (String component : calendar.orElseThrow().components()) {
					out.start(CalDav.caldav("comp")).attribute("name", component).end();
				}
				out.end();
			}
			case "supported-calendar-data" -> {
				if (level != 1) {
					return false;
				}
				out.start(name).start(CalDav.CALENDAR_DATA).attribute("content-type", "text/calendar").attribute("version", "2.0").end().end();
			}
			case "max-resource-size" -> {
				if (level != 1) {
					return false;
				}
				out.element(name, String.valueOf(CalDav.MAX_RESOURCE_SIZE));
			}
			case "schedule-tag" -> {
				return scheduleTags.write(resource, out);
			}
			default -> {
				// calendar-data comes with the reports that read it
				return false;
			}
		}
		return true;
	}


	@Override
	public Optional<DavReport> post(DavResource target, byte[] body, String contentType) {
		if (!box(target.path()) || !target.path().name().equals(Calendars.OUTBOX)) {
			return Optional.empty();
		}
		return Optional.of(CalDavScheduling.outbox(this, body, contentType));
	}

	@Override
	public Map<String, String> headers(DavResource resource) {
		return scheduleTags.headers(resource);
	}

	@Override
	public void checkConditions(Optional<DavResource> target, java.util.function.Function<String, String> header) {
		scheduleTags.check(target, header);
	}

	@Override
	public Optional<DavReport> report(DavReportRequest request) {
		return CalDavReports.answer(this, request);
	}
}
