package de.schulhaus.calendar.dav;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.calendar.internal.FreeBusyLookup;
import de.schulhaus.calendar.internal.InvalidCalendarData;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavReport;
import de.schulhaus.dav.DavXmlOut;

/**
 * CalDAV scheduling's collections (RFC 6638 2): the inbox, which stays empty because invitations go
 * straight into the invitee's personal calendar, and the outbox, which answers a VFREEBUSY request with
 * the busy times of people of the school ({@code schedule-response}). Invitations and answers themselves
 * are delivered by the server when events are written ({@code internal.Scheduling}), never by POST.
 */
final class CalDavScheduling {

	private static final String CONTENT_TYPE = "application/xml; charset=utf-8";

	private CalDavScheduling() {
	}

	/** A property of the inbox or outbox; false when it has none of that name. */
	static boolean writeBoxProperty(QName name, String box, String home, DavXmlOut out) throws XMLStreamException {
		switch (name.getLocalPart()) {
			case "owner", "current-user-principal" -> out.start(name).href(home).end();
			case "schedule-default-calendar-URL" -> {
				if (!box.equals(Calendars.INBOX)) {
					return false;
				}
				out.start(name).href(home + Calendars.PERSONAL_SLUG + "/").end();
			}
			case "current-user-privilege-set" -> {
				out.start(name);
				List<QName> privileges = box.equals(Calendars.INBOX)
						? List.of(CalDav.dav("read"), CalDav.caldav("schedule-deliver"), CalDav.caldav("schedule-deliver-invite"),
								CalDav.caldav("schedule-deliver-reply"), CalDav.caldav("schedule-query-freebusy"))
						: List.of(CalDav.dav("read"), CalDav.caldav("schedule-send"), CalDav.caldav("schedule-send-freebusy"));
				for (QName privilege : privileges) {
					out.start(CalDav.dav("privilege")).empty(privilege).end();
				}
				out.end();
			}
			case "supported-report-set" -> out.empty(name);
			default -> {
				return false;
			}
		}
		return true;
	}

	/** A POST to the outbox: a VFREEBUSY request answered for each attendee (RFC 6638 5, 10.2). */
	static DavReport outbox(CalendarHome home, byte[] body, String contentType) {
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/calendar")) {
			throw new DavException(415, "The outbox takes iCalendar data (text/calendar).");
		}
		String text = new String(body, StandardCharsets.UTF_8);
		if (!text.toUpperCase(Locale.ROOT).contains("BEGIN:VFREEBUSY")) {
			throw new DavException(403, "This server schedules by itself (calendar-auto-schedule, RFC 6638): invitations, answers and cancellations are "
					+ "delivered when the event is written to a calendar (PUT or DELETE), so they are not POSTed here; the outbox answers "
					+ "free/busy requests (VFREEBUSY) only.",
					CalDav.caldav("valid-scheduling-message"), null);
		}
		List<FreeBusyLookup.Reply> replies;
		try {
			replies = home.services().freeBusy().answer(home.person(), text);
		}
		catch (FreeBusyLookup.NotOrganizer ex) {
			throw new DavException(403, ex.getMessage(), CalDav.caldav("organizer-allowed"), null);
		}
		catch (InvalidCalendarData ex) {
			throw new DavException(400, ex.getMessage(), CalDav.caldav("valid-scheduling-message"), null);
		}
		StringWriter xml = new StringWriter();
		try {
			XMLStreamWriter writer = XMLOutputFactory.newFactory().createXMLStreamWriter(xml);
			writer.writeStartDocument("UTF-8", "1.0");
			DavXmlOut out = new DavXmlOut(writer);
			out.start(CalDav.caldav("schedule-response"));
			writer.writeNamespace("D", CalDav.DAV);
			for (FreeBusyLookup.Reply reply : replies) {
				out.start(CalDav.caldav("response"));
				out.start(CalDav.caldav("recipient")).href(reply.recipient()).end();
				out.element(CalDav.caldav("request-status"), reply.status());
				if (reply.calendarData() != null) {
					out.element(CalDav.CALENDAR_DATA, reply.calendarData());
				}
				out.end();
			}
			out.end();
			writer.writeEndDocument();
			writer.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
		return DavReport.document(CONTENT_TYPE, xml.toString());
	}
}
