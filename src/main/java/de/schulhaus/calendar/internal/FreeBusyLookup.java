package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.calendar.SchedulingMessage.Recipient;
import de.schulhaus.platform.SchulhausUser;

/**
 * Free/busy of people of the school for someone planning a meeting: a CalDAV client's VFREEBUSY request
 * POSTed to the outbox (RFC 6638 5), and the web dialog's look-up. Busy times come from all calendars the
 * person sees, without titles; addresses outside the school are answered "no such calendar user" (3.7).
 */
@Service
public class FreeBusyLookup {

	/** At most this many people per request. */
	public static final int MAX_PEOPLE = 100;
	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

	private final SchoolDelivery school;
	private final Calendars calendars;
	private final BusyTimes busy;
	private final AccountManagement accounts;

	FreeBusyLookup(SchoolDelivery school, Calendars calendars, BusyTimes busy, AccountManagement accounts) {
		this.school = school;
		this.calendars = calendars;
		this.busy = busy;
		this.accounts = accounts;
	}

	/** The request is not the caller's own (its ORGANIZER is someone else): RFC 6638 {@code organizer-allowed}. */
	public static class NotOrganizer extends RuntimeException {

		NotOrganizer() {
			super("The ORGANIZER of a free/busy request is the person sending it.");
		}
	}

	/** One recipient's answer: a request status (2.0 success, 3.7 unknown) and, on success, the VFREEBUSY reply. */
	public record Reply(String recipient, String status, String calendarData) {
	}

	/** A person's busy times for the web: their name and the merged periods. */
	public record Busy(UUID accountId, String name, List<BusyTimes.Period> periods) {
	}

	/** Answers a VFREEBUSY request (METHOD:REQUEST) for each of its attendees. */
	public List<Reply> answer(SchulhausUser person, String request) {
		ICalDocument document = ICalReader.parse(ICalReader.withCrlf(request));
		ICalComponent vcalendar = document.calendars().get(0);
		ICalComponent freebusy = vcalendar.components().stream().filter(c -> c.name().equals("VFREEBUSY")).findFirst()
			.orElseThrow(() -> InvalidCalendarData.data("A free/busy request has a VFREEBUSY"));
		if (!"REQUEST".equalsIgnoreCase(vcalendar.value("METHOD"))) {
			throw InvalidCalendarData.data("A free/busy request has METHOD:REQUEST");
		}
		Instant start = time(freebusy.property("DTSTART"));
		Instant end = time(freebusy.property("DTEND"));
		if (!end.isAfter(start) || end.isAfter(start.plus(BusyTimes.MAX_RANGE))) {
			throw InvalidCalendarData.data("A free/busy request ends after it starts, at most a year later");
		}
		Account me = accounts.require(person.schoolId(), person.accountId());
		ICalProperty organizer = freebusy.property("ORGANIZER");
		if (organizer == null || !Scheduling.mine(organizer.value(), me)) {
			throw new NotOrganizer();
		}
		List<ICalProperty> attendees = freebusy.properties("ATTENDEE");
		if (attendees.size() > MAX_PEOPLE) {
			throw InvalidCalendarData.data("A free/busy request asks for at most " + MAX_PEOPLE + " people");
		}
		List<Recipient> recipients = attendees.stream().filter(a -> !"GROUP".equalsIgnoreCase(a.parameter("CUTYPE")))
			.map(a -> new Recipient(a.value(), "INDIVIDUAL")).toList();
		Map<String, SchoolDelivery.Invitee> byAddress = new HashMap<>();
		school.resolve(person.schoolId(), null, recipients).values().forEach(i -> byAddress.put(Attendees.key(i.address()), i));
		List<Reply> replies = new ArrayList<>();
		for (ICalProperty attendee : attendees) {
			SchoolDelivery.Invitee invitee = byAddress.get(Attendees.key(attendee.value()));
			if (invitee == null) {
				replies.add(new Reply(attendee.value(), "3.7;Invalid calendar user", null));
				continue;
			}
			List<BusyTimes.Period> periods = busy.of(calendars.visibleTo(person.schoolId(), invitee.accountId(), invitee.role()), start, end);
			List<String> lines = new ArrayList<>();
			if (freebusy.value("UID") != null) {
				lines.add("UID:" + freebusy.value("UID"));
			}
			lines.add("ORGANIZER:" + organizer.value());
			lines.add("ATTENDEE:" + attendee.value());
			replies.add(new Reply(attendee.value(), "2.0;Success", BusyTimes.vfreebusy("REPLY", start, end, periods, lines)));
		}
		return replies;
	}

	/** The busy times of the people and groups' members chosen in the web's dialog, in [start, end), by name. */
	public List<Busy> busy(UUID schoolId, List<Recipient> recipients, Instant start, Instant end) {
		List<Busy> found = new ArrayList<>();
		for (SchoolDelivery.Invitee invitee : school.resolve(schoolId, null, recipients).values()) {
			if (found.size() >= MAX_PEOPLE) {
				break;
			}
			found.add(new Busy(invitee.accountId(), invitee.name(),
					busy.of(calendars.visibleTo(schoolId, invitee.accountId(), invitee.role()), start, end)));
		}
		found.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
		return found;
	}

	private static Instant time(ICalProperty property) {
		if (property == null) {
			throw InvalidCalendarData.data("A free/busy request has DTSTART and DTEND");
		}
		String value = property.value().strip();
		try {
			if (value.endsWith("Z")) {
				return LocalDateTime.parse(value, UTC).toInstant(ZoneOffset.UTC);
			}
			if (value.length() == 8) {
				return LocalDate.parse(value, DATE).atStartOfDay(CalendarData.SCHOOL_ZONE).toInstant();
			}
			return LocalDateTime.parse(value, LOCAL).atZone(CalendarData.SCHOOL_ZONE).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw InvalidCalendarData.data("Not a date-time: " + value);
		}
	}
}
