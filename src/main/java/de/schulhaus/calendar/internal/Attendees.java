package de.schulhaus.calendar.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.Member;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.parameter.ScheduleStatus;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;

/**
 * ORGANIZER and ATTENDEEs of an event (every VEVENT of the object: the series and its moved instances),
 * read and changed with ical4j for the server's scheduling (RFC 6638): answers, delivery statuses, the
 * invitee's copy and its cancellation. Addresses are compared case-insensitively.
 */
final class Attendees {

	/** One ATTENDEE as the event names it. */
	record Party(String address, String cutype, String partstat, String cn, String scheduleAgent) {

		boolean room() {
			return "ROOM".equals(cutype) || "RESOURCE".equals(cutype);
		}

		boolean group() {
			return "GROUP".equals(cutype);
		}

		/** SCHEDULE-AGENT=CLIENT or NONE: the client or nobody delivers, the server must not. */
		boolean scheduledElsewhere() {
			return scheduleAgent != null && !scheduleAgent.equals("SERVER");
		}
	}

	private Attendees() {
	}

	static Calendar parse(String text) {
		return ICalEvents.parse(text);
	}

	static String print(Calendar calendar) {
		return ICalEvents.print(calendar);
	}

	static String key(String address) {
		return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
	}

	/** The series' ORGANIZER address (or the first instance's), if there is one. */
	static Optional<String> organizer(Calendar calendar) {
		return ICalEvents.events(calendar).stream().map(e -> e.<Organizer>getProperty("ORGANIZER")).flatMap(Optional::stream)
			.map(Property::getValue).filter(v -> v != null && !v.isBlank()).findFirst();
	}

	/** The ORGANIZER's CN, if it gives one. */
	static Optional<String> organizerName(Calendar calendar) {
		return ICalEvents.events(calendar).stream().map(e -> e.<Organizer>getProperty("ORGANIZER")).flatMap(Optional::stream)
			.map(o -> param(o, "CN")).filter(v -> v != null && !v.isBlank()).findFirst();
	}

	/** Every ATTENDEE once (its first line wins), in order. */
	static List<Party> parties(Calendar calendar) {
		return parties(calendar, null);
	}

	/** Every ATTENDEE once, as the occurrence that starts at {@code instance} names them (its override's lines first), in order. */
	static List<Party> parties(Calendar calendar, java.time.Instant instance) {
		Map<String, Party> parties = new LinkedHashMap<>();
		List<VEvent> events = new ArrayList<>(ICalEvents.events(calendar));
		if (instance != null) {
			ICalEvents.override(calendar, instance).ifPresent(o -> {
				events.remove(o);
				events.add(0, o);
			});
		}
		for (VEvent event : events) {
			for (Property attendee : event.getProperties("ATTENDEE")) {
				String address = attendee.getValue();
				if (address == null || address.isBlank()) {
					continue;
				}
				parties.putIfAbsent(key(address), new Party(address.strip(), upper(param(attendee, "CUTYPE")), upper(param(attendee, "PARTSTAT")),
						param(attendee, "CN"), upper(param(attendee, "SCHEDULE-AGENT"))));
			}
		}
		return new ArrayList<>(parties.values());
	}

	/** The answer on the first ATTENDEE line with one of these addresses (keys); null when none names them. */
	static String partstat(Calendar calendar, Set<String> addresses) {
		for (VEvent event : ICalEvents.events(calendar)) {
			for (Property attendee : event.getProperties("ATTENDEE")) {
				if (addresses.contains(key(attendee.getValue()))) {
					String partstat = upper(param(attendee, "PARTSTAT"));
					return partstat == null ? "NEEDS-ACTION" : partstat;
				}
			}
		}
		return null;
	}

	/** Sets PARTSTAT on every line of these addresses (keys); false when no line names any of them. */
	static boolean setPartstats(Calendar calendar, Map<String, String> byAddress) {
		boolean found = false;
		for (VEvent event : ICalEvents.events(calendar)) {
			for (Property attendee : event.getProperties("ATTENDEE")) {
				String partstat = byAddress.get(key(attendee.getValue()));
				if (partstat != null) {
					attendee.replace(new PartStat(partstat));
					found = true;
				}
			}
		}
		return found;
	}

	/** Sets SCHEDULE-STATUS (RFC 6638 7.3) on the lines of these addresses (keys). */
	static void setStatuses(Calendar calendar, Map<String, String> byAddress) {
		for (VEvent event : ICalEvents.events(calendar)) {
			for (Property attendee : event.getProperties("ATTENDEE")) {
				String status = byAddress.get(key(attendee.getValue()));
				if (status != null) {
					attendee.replace(new ScheduleStatus(status));
				}
			}
		}
	}

	/**
	 * Drops SCHEDULE-FORCE-SEND (RFC 6638 7.2), which is never stored: the server delivers every organiser's
	 * change to all attendees anyway, so a forced REQUEST needs nothing more.
	 */
	static void dropForceSend(Calendar calendar) {
		for (VEvent event : ICalEvents.events(calendar)) {
			event.getProperties("ATTENDEE").forEach(a -> a.removeAll("SCHEDULE-FORCE-SEND"));
			event.getProperties("ORGANIZER").forEach(o -> o.removeAll("SCHEDULE-FORCE-SEND"));
		}
	}

	/**
	 * Adds a line for a person who was invited as a member of a group, to every VEVENT that names the
	 * group (or to all when the group is not named, as for an answer that arrives after the group left).
	 */
	static void addMember(Calendar calendar, String address, String cn, String groupAddress, String partstat) {
		for (VEvent event : ICalEvents.events(calendar)) {
			boolean namesGroup = groupAddress == null || event.getProperties("ATTENDEE").stream().anyMatch(a -> key(a.getValue()).equals(key(groupAddress)));
			boolean named = event.getProperties("ATTENDEE").stream().anyMatch(a -> key(a.getValue()).equals(key(address)));
			if (namesGroup && !named) {
				List<Parameter> parameters = new ArrayList<>(List.of(new CuType("INDIVIDUAL"), new PartStat(partstat)));
				if (cn != null) {
					parameters.add(new Cn(cn));
				}
				if (groupAddress != null) {
					parameters.add(new Member(List.of(java.net.URI.create(groupAddress))));
				}
				event.add(new Attendee(new ParameterList(parameters), address));
			}
		}
	}

	/**
	 * The people and groups of the web's dialog as the event's attendees: lines of addresses still chosen
	 * stay as they are (with their answers), lines of people and groups no longer chosen go, rooms and
	 * addresses the dialog does not show stay; the organiser is the person writing.
	 *
	 * @param shown the addresses (keys) the dialog showed, which it may remove
	 * @param wanted the chosen ones, new ones with CUTYPE and CN
	 */
	static void choose(Calendar calendar, String organizer, String organizerName, Set<String> shown, List<Party> wanted) {
		Set<String> keep = new java.util.HashSet<>();
		wanted.forEach(p -> keep.add(key(p.address())));
		for (VEvent event : ICalEvents.events(calendar)) {
			for (Property attendee : List.<Property>copyOf(event.getProperties("ATTENDEE"))) {
				String address = key(attendee.getValue());
				if (shown.contains(address) && !keep.contains(address)) {
					event.remove(attendee);
				}
			}
			Set<String> present = new java.util.HashSet<>();
			event.getProperties("ATTENDEE").forEach(a -> present.add(key(a.getValue())));
			for (Party party : wanted) {
				if (!present.contains(key(party.address()))) {
					List<Parameter> parameters = new ArrayList<>(List.of(new CuType(party.cutype() == null ? "INDIVIDUAL" : party.cutype()),
							new PartStat("NEEDS-ACTION"), Rsvp.TRUE));
					if (party.cn() != null) {
						parameters.add(new Cn(party.cn()));
					}
					event.add(new Attendee(new ParameterList(parameters), party.address()));
				}
			}
			boolean invites = !event.getProperties("ATTENDEE").isEmpty();
			if (invites && event.getProperty("ORGANIZER").isEmpty()) {
				event.add(new Organizer(new ParameterList(organizerName == null ? List.of() : List.of(new Cn(organizerName))), organizer));
			}
		}
	}

	/**
	 * The rooms and equipment of the web's dialog as the event's attendees: lines of the school's resources
	 * no longer chosen go, chosen ones stay as written or are added as accepted non-participants (a resource
	 * has no one to answer); other attendees stay. An event without a place gets the chosen rooms' names.
	 *
	 * @param resources the addresses (keys) of all the school's resources, which the dialog offers
	 * @param wanted the chosen ones, with CUTYPE (ROOM or RESOURCE) and CN
	 * @param place the LOCATION for an event that has none; null for none
	 */
	/**
	 * The rooms and equipment chosen for the series, or with {@code only} for that one instance (its override, which the
	 * caller made). For the series the master gets exactly the chosen ones, and each changed instance the same change:
	 * resources the series gave up are removed, new ones added, and a room an instance has of its own stays.
	 */
	static void chooseRooms(Calendar calendar, String organizer, String organizerName, Set<String> resources, List<Party> wanted, String place,
			java.time.Instant only) {
		Set<String> keep = new java.util.HashSet<>();
		wanted.forEach(p -> keep.add(key(p.address())));
		Set<String> before = new java.util.HashSet<>();
		VEvent master = ICalEvents.master(calendar);
		master.getProperties("ATTENDEE").forEach(a -> before.add(key(a.getValue())));
		for (VEvent event : ICalEvents.events(calendar)) {
			Optional<Property> recurrenceId = event.getProperty("RECURRENCE-ID");
			if (only != null && recurrenceId.map(r -> !only.equals(ICalEvents.instant(((net.fortuna.ical4j.model.property.DateProperty<?>) r).getDate()))).orElse(true)) {
				continue;
			}
			// an instance of its own when the series changes: only what the series' change was
			boolean own = only == null && event != master;
			for (Property attendee : List.<Property>copyOf(event.getProperties("ATTENDEE"))) {
				String address = key(attendee.getValue());
				if (resources.contains(address) && !keep.contains(address) && (!own || before.contains(address))) {
					event.remove(attendee);
				}
			}
			Set<String> present = new java.util.HashSet<>();
			event.getProperties("ATTENDEE").forEach(a -> present.add(key(a.getValue())));
			for (Party party : wanted) {
				if (!present.contains(key(party.address())) && (!own || !before.contains(key(party.address())))) {
					List<Parameter> parameters = new ArrayList<>(List.of(new CuType(party.cutype()), Role.NON_PARTICIPANT, new PartStat("ACCEPTED")));
					if (party.cn() != null) {
						parameters.add(new Cn(party.cn()));
					}
					event.add(new Attendee(new ParameterList(parameters), party.address()));
				}
			}
			if (place != null && event.getProperty("LOCATION").map(l -> l.getValue() == null || l.getValue().isBlank()).orElse(true)) {
				event.replace(new Location(place));
			}
			if (!wanted.isEmpty() && event.getProperty("ORGANIZER").isEmpty()) {
				event.add(new Organizer(new ParameterList(organizerName == null ? List.of() : List.of(new Cn(organizerName))), organizer));
			}
		}
	}

	/** The invitee's copy: no alarms of the organiser's, no delivery statuses. */
	static void asCopy(Calendar calendar) {
		for (VEvent event : ICalEvents.events(calendar)) {
			ICalEvents.removeComponents(event, VAlarm.class::isInstance);
			for (Property attendee : event.getProperties("ATTENDEE")) {
				attendee.removeAll("SCHEDULE-STATUS");
			}
		}
	}

	/** Marks every instance cancelled (RFC 5546 CANCEL as stored in the invitee's calendar). */
	static void cancel(Calendar calendar) {
		for (VEvent event : ICalEvents.events(calendar)) {
			event.replace(new Status(Status.VALUE_CANCELLED));
			int sequence = event.getProperty("SEQUENCE").map(p -> {
				try {
					return Integer.parseInt(p.getValue().strip());
				}
				catch (NumberFormatException e) {
					return 0;
				}
			}).orElse(0);
			event.replace(new Sequence(sequence + 1));
		}
	}

	static boolean cancelled(Calendar calendar) {
		return ICalEvents.events(calendar).stream()
			.allMatch(e -> e.getProperty("STATUS").map(s -> s.getValue().equalsIgnoreCase("CANCELLED")).orElse(false));
	}

	static String summary(Calendar calendar) {
		return ICalEvents.events(calendar).stream().map(e -> e.getProperty("SUMMARY")).flatMap(Optional::stream).map(Property::getValue).findFirst()
			.orElse("");
	}

	private static String param(Property property, String name) {
		return property.getParameter(name).map(Parameter::getValue).orElse(null);
	}

	private static String upper(String value) {
		return value == null ? null : value.toUpperCase(Locale.ROOT);
	}
}
