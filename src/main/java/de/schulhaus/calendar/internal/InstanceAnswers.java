package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.property.DateProperty;

/**
 * Answers to single occurrences of a series (RFC 6638 3.2.2.2, RFC 5546 3.2.3): an invitee's copy or a
 * mailed REPLY may carry a VEVENT with RECURRENCE-ID whose PARTSTAT differs from the series' ("not on the
 * 12th"). The organiser's event gets that answer on the occurrence: on the line of its override, or in a new
 * override copied from the series when the organiser has none. An occurrence the series does not have is
 * not invented.
 */
final class InstanceAnswers {

	/** More answered occurrences than this in one write are not taken (a year of weekly meetings fits). */
	static final int MAX_OCCURRENCES = 100;

	private InstanceAnswers() {
	}

	/** The answer of these addresses (keys) to the series (or single event): on the VEVENT without RECURRENCE-ID. */
	static String ofSeries(Calendar ical, Set<String> addresses) {
		return ICalEvents.events(ical).stream().filter(e -> e.getProperty("RECURRENCE-ID").isEmpty()).findFirst()
			.map(master -> partstatOn(master, addresses)).orElse(null);
	}

	/** The answers of these addresses (keys) on the data's single occurrences, by RECURRENCE-ID; none for the series. */
	static Map<Instant, String> of(Calendar ical, Set<String> addresses) {
		Map<Instant, String> answers = new LinkedHashMap<>();
		for (VEvent event : ICalEvents.events(ical)) {
			Optional<Property> recurrenceId = event.getProperty("RECURRENCE-ID");
			if (recurrenceId.isEmpty()) {
				continue;
			}
			for (Property attendee : event.getProperties("ATTENDEE")) {
				if (addresses.contains(Attendees.key(attendee.getValue()))) {
					String partstat = attendee.getParameter("PARTSTAT").map(p -> p.getValue().toUpperCase(java.util.Locale.ROOT)).orElse("NEEDS-ACTION");
					answers.put(ICalEvents.instant(((DateProperty<?>) recurrenceId.get()).getDate()), partstat);
					break;
				}
			}
		}
		return answers;
	}

	/**
	 * Sets the answers on the organiser's occurrences where they differ from what the organiser's event says
	 * for that occurrence. Only occurrences that exist are touched (an override the organiser has, or an
	 * instance of the series); an answer equal to the series' needs no override and none is made.
	 *
	 * @param organizerText the organiser's event as stored, to check which occurrences the series has
	 * @return the occurrences whose answer changed, in order
	 */
	static List<Instant> apply(Calendar organizerEvent, String organizerText, Set<String> addresses, Map<Instant, String> answers) {
		List<Instant> changed = new ArrayList<>();
		if (answers.isEmpty()) {
			return changed;
		}
		VEvent master = ICalEvents.events(organizerEvent).stream().filter(e -> e.getProperty("RECURRENCE-ID").isEmpty()).findFirst().orElse(null);
		CalendarResource series = null;
		for (Map.Entry<Instant, String> answer : answers.entrySet()) {
			if (changed.size() >= MAX_OCCURRENCES || !Scheduling.ANSWERS.contains(answer.getValue())) {
				continue;
			}
			Optional<VEvent> override = ICalEvents.override(organizerEvent, answer.getKey());
			if (override.isPresent()) {
				if (setOn(override.get(), addresses, answer.getValue())) {
					changed.add(answer.getKey());
				}
				continue;
			}
			if (master == null || answer.getValue().equals(partstatOn(master, addresses))) {
				continue;
			}
			if (series == null) {
				series = CalendarResource.of(organizerText);
			}
			if (!occurs(series, answer.getKey())) {
				continue;
			}
			VEvent instance = ICalEvents.occurrence(master, answer.getKey());
			if (setOn(instance, addresses, answer.getValue())) {
				organizerEvent.add(instance);
				changed.add(answer.getKey());
			}
		}
		return changed;
	}

	private static boolean occurs(CalendarResource series, Instant start) {
		// an instance of the series itself (not of an override) that starts at the RECURRENCE-ID
		return series.recurring() && Instances.of(series, start, start.plusSeconds(1), ICalEvents.ZONE, 10).instances().stream()
			.anyMatch(i -> i.component() == series.master && i.start().equals(start));
	}

	private static String partstatOn(VEvent event, Set<String> addresses) {
		for (Property attendee : event.getProperties("ATTENDEE")) {
			if (addresses.contains(Attendees.key(attendee.getValue()))) {
				return attendee.getParameter("PARTSTAT").map(p -> p.getValue().toUpperCase(java.util.Locale.ROOT)).orElse("NEEDS-ACTION");
			}
		}
		return null;
	}

	/** The answer on this occurrence's line of the addresses; false when it names none of them or already says so. */
	private static boolean setOn(VEvent event, Set<String> addresses, String partstat) {
		boolean changed = false;
		for (Property attendee : event.getProperties("ATTENDEE")) {
			if (addresses.contains(Attendees.key(attendee.getValue())) && !partstat.equals(partstatOn(event, Set.of(Attendees.key(attendee.getValue()))))) {
				attendee.replace(new PartStat(partstat));
				changed = true;
			}
		}
		return changed;
	}
}
