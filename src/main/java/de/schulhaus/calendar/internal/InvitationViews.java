package de.schulhaus.calendar.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;

/**
 * Invitations as the web's dialog shows and edits them: who is invited with what answer, the person's own
 * answer on their copy, and the dialog's choice of people and groups written into an event's text.
 */
@Service
public class InvitationViews {

	private static final Set<String> KNOWN_ANSWERS = Set.of("ACCEPTED", "TENTATIVE", "DECLINED", "NEEDS-ACTION", "DELEGATED");

	private final Invitations invitations;
	private final AccountManagement accounts;

	InvitationViews(Invitations invitations, AccountManagement accounts) {
		this.invitations = invitations;
		this.accounts = accounts;
	}

	/** A person or group chosen in the web's dialog. */
	public record Choice(String address, boolean group, String name) {
	}

	/**
	 * The event's text with the dialog's choice of people and groups as its attendees and the person as its
	 * organiser (when it invites anyone); rooms and addresses the dialog did not show stay as they are.
	 *
	 * @param shown the addresses the dialog showed (and may have unticked)
	 */
	public static String invite(String text, Account organizer, java.util.Collection<String> shown, List<Choice> chosen) {
		net.fortuna.ical4j.model.Calendar ical = Attendees.parse(text);
		Set<String> shownKeys = new java.util.HashSet<>();
		shown.forEach(a -> shownKeys.add(Attendees.key(a)));
		List<Attendees.Party> wanted = chosen.stream().map(c -> new Attendees.Party(c.address(), c.group() ? "GROUP" : "INDIVIDUAL", null, c.name(), null))
			.toList();
		Attendees.choose(ical, "mailto:" + organizer.login(), organizer.displayName(), shownKeys, wanted);
		return Attendees.print(ical);
	}

	/**
	 * The event's text with the dialog's choice of the school's rooms and equipment as its attendees
	 * ({@code ATTENDEE;CUTYPE=ROOM:urn:uuid:<id>}, as calendar programs name them), which {@link Bookings}
	 * books for every instance when the text is stored. An event without a place is placed in the chosen rooms.
	 *
	 * @param offered all the school's resources, which the dialog offers (an unticked one is removed)
	 */
	public static String bookRooms(String text, Account organizer, java.util.Collection<Rooms.Room> offered, List<Rooms.Room> chosen) {
		return bookRooms(text, organizer, offered, chosen, null);
	}

	/** The same for one instance of a series ({@code only} its original start), whose override the text has: the rooms of that date alone. */
	public static String bookRooms(String text, Account organizer, java.util.Collection<Rooms.Room> offered, List<Rooms.Room> chosen,
			java.time.Instant only) {
		net.fortuna.ical4j.model.Calendar ical = Attendees.parse(text);
		Set<String> resources = new java.util.HashSet<>();
		offered.forEach(r -> resources.add(Attendees.key(r.address())));
		List<Attendees.Party> wanted = chosen.stream()
			.map(r -> new Attendees.Party(r.address(), r.kind() == Rooms.Kind.ROOM ? "ROOM" : "RESOURCE", "ACCEPTED", r.name(), null)).toList();
		String place = String.join(", ", chosen.stream().filter(r -> r.kind() == Rooms.Kind.ROOM).map(Rooms.Room::name).toList());
		Attendees.chooseRooms(ical, "mailto:" + organizer.login(), organizer.displayName(), resources, wanted, place.isEmpty() ? null : place, only);
		return Attendees.print(ical);
	}

	/** The ids of the resources an event names as attendees (rooms and equipment, of this school or not). */
	public static Set<UUID> roomsNamed(String text) {
		return Bookings.resourcesNamed(text);
	}

	/** The ids of the resources the series books, or (with its original start) one instance of it. */
	public static Set<UUID> roomsNamed(String text, java.time.Instant instance) {
		return Bookings.resourcesNamed(text, instance);
	}

	/** What the dialog shows of an event's invitations to this person: the attendees and their answers, and theirs if invited. */
	public Invited invited(Calendar calendar, CalendarObjects.Entry entry, UUID person) {
		return invited(calendar, entry, person, null);
	}

	/**
	 * The same for one occurrence of a series ({@code instance} its start; null for the series): the answers
	 * given to that occurrence where they differ from the series'.
	 */
	public Invited invited(Calendar calendar, CalendarObjects.Entry entry, UUID person, java.time.Instant instance) {
		if (!entry.data().toUpperCase(Locale.ROOT).contains("\nATTENDEE")) {
			return new Invited(List.of(), null, false, null);
		}
		Optional<net.fortuna.ical4j.model.Calendar> readable = Scheduling.readable(entry.data());
		if (readable.isEmpty()) {
			return new Invited(List.of(), null, false, null);
		}
		net.fortuna.ical4j.model.Calendar ical = readable.get();
		List<Attendees.Party> parties = Attendees.parties(ical, instance).stream().filter(p -> !p.room()).toList();
		String own = calendar.id().equals(person)
				? invitations.ofCopy(calendar.schoolId(), person, entry.name()).map(Invitations.Invitation::partstat).orElse(null) : null;
		Account me = accounts.find(calendar.schoolId(), person).orElse(null);
		if (own != null && me != null && instance != null) {
			own = InstanceAnswers.of(ical, Scheduling.addresses(me)).getOrDefault(instance, own);
		}
		boolean organizer = me != null && Attendees.organizer(ical).map(o -> Scheduling.mine(o, me)).orElse(false);
		String organizerName = Attendees.organizerName(ical).orElse(Attendees.organizer(ical).map(InvitationViews::display).orElse(null));
		return new Invited(parties.stream().filter(p -> me == null || !Scheduling.mine(p.address(), me))
			.map(p -> new Invited.Answer(p.address(), p.cn() == null ? display(p.address()) : p.cn(), p.group(),
					KNOWN_ANSWERS.contains(p.partstat()) ? p.partstat() : "NEEDS-ACTION"))
			.toList(), own, organizer, organizerName);
	}

	/**
	 * @param answers every attendee but the person, rooms left out
	 * @param own the person's answer when this is their copy of an invitation, else null
	 * @param organizer whether the person organises it
	 * @param organizerName who organises it (CN or address); null when nobody is named
	 */
	public record Invited(List<Answer> answers, String own, boolean organizer, String organizerName) {

		public record Answer(String address, String name, boolean group, String partstat) {
		}
	}

	private static String display(String address) {
		String key = address.strip();
		return key.regionMatches(true, 0, "mailto:", 0, 7) ? key.substring(7) : key;
	}
}
