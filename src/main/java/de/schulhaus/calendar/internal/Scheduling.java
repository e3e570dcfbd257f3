package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.calendar.InvitationDelivery;
import de.schulhaus.calendar.SchedulingMessage;
import de.schulhaus.calendar.SchedulingMessage.Recipient;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;

/**
 * The server's implicit scheduling (RFC 6638 3.2), for events written in the web's dialog and by CalDAV
 * clients. When the writer is the event's ORGANIZER, its attendees are invited: people and groups of the
 * school through {@link SchoolDelivery}, other addresses through the other {@link InvitationDelivery}
 * beans (a mail module's iMIP; none yet, so they are marked undelivered, 5.1). When the writer is an
 * invitee changing their copy, their answer (PARTSTAT) goes back into the organiser's event. Rooms stay
 * with {@link Bookings}. Everything happens in the writer's transaction: all of it is stored, or nothing.
 */
@Service
public class Scheduling {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Scheduling.class);

	/** The answers an invitee gives (RFC 5545 PARTSTAT for events). */
	public static final List<String> ANSWERS = List.of("ACCEPTED", "TENTATIVE", "DECLINED");
	private static final DateTimeFormatter OCCURRENCE_DATE = DateTimeFormatter.ofPattern("d.M.yyyy").withZone(ICalEvents.ZONE);

	private final CalendarObjects objects;
	private final Calendars calendars;
	private final Invitations invitations;
	private final SchoolDelivery school;
	private final List<InvitationDelivery> deliveries;
	private final AccountManagement accounts;
	private final Notifications notifications;

	Scheduling(CalendarObjects objects, Calendars calendars, Invitations invitations, SchoolDelivery school, List<InvitationDelivery> deliveries,
			AccountManagement accounts, Notifications notifications) {
		this.objects = objects;
		this.calendars = calendars;
		this.invitations = invitations;
		this.school = school;
		this.deliveries = deliveries.stream().filter(d -> d != school).toList();
		this.accounts = accounts;
		this.notifications = notifications;
	}

	/**
	 * Stores what a person wrote at {@code name} and schedules it: invites, updates and cancels invitees
	 * when they are its organiser, sends their answer back when it is their copy of an invitation.
	 */
	@Transactional
	public CalendarObjects.Entry put(Calendar calendar, String name, CalendarObject object, UUID actor) {
		if (actor == null || !"VEVENT".equals(object.component())) {
			return objects.put(calendar, name, object, actor);
		}
		UUID schoolId = calendar.schoolId();
		if (calendar.id().equals(actor)) {
			Optional<Invitations.Invitation> copy = invitations.ofCopy(schoolId, actor, name);
			if (copy.isPresent()) {
				CalendarObjects.Entry stored = objects.put(calendar, name, object, actor, false, CalendarObjects.newScheduleTag());
				Account me = accounts.require(schoolId, actor);
				readable(object.text()).ifPresent(ical -> answered(copy.get(), me, InstanceAnswers.ofSeries(ical, addresses(me)),
						InstanceAnswers.of(ical, addresses(me))));
				return stored;
			}
		}
		List<Invitations.Invitation> before = invitations.ofEvent(schoolId, calendar.id(), name);
		if (before.isEmpty() && !object.text().toUpperCase(Locale.ROOT).contains("\nORGANIZER")) {
			return objects.put(calendar, name, object, actor);
		}
		Account me = accounts.require(schoolId, actor);
		Optional<net.fortuna.ical4j.model.Calendar> readable = readable(object.text());
		if (readable.isEmpty()) {
			// CalendarData took it; ical4j's model does not: stored as sent, scheduled no further
			return objects.put(calendar, name, object, actor);
		}
		net.fortuna.ical4j.model.Calendar ical = readable.get();
		// the invitations refer to the calendar's row
		calendars.store(calendar);
		if (!Attendees.organizer(ical).map(o -> mine(o, me)).orElse(false)) {
			// someone else organises it: still a scheduling object (RFC 6638 3.1), changed by its owner
			CalendarObjects.Entry stored = objects.put(calendar, name, object, actor, true,
					Attendees.organizer(ical).isPresent() ? CalendarObjects.newScheduleTag() : null);
			if (!before.isEmpty()) {
				// no longer an event the person organises: the invitees' copies are cancelled
				school.deliver(message(SchedulingMessage.Method.CANCEL, calendar, name, object.uid(), me, Attendees.summary(ical), object.text(), List.of()));
			}
			return stored;
		}
		List<Recipient> recipients = recipients(ical, me);
		Map<UUID, SchoolDelivery.Invitee> invitees = school.resolve(schoolId, actor, recipients);
		if (invitees.size() > SchoolDelivery.MAX_INVITEES) {
			throw new TooManyInvitees(invitees.size());
		}
		// the answers the server received win over what the organiser's client last saw
		Map<UUID, String> answers = new HashMap<>();
		before.forEach(i -> answers.put(i.attendeeId(), i.partstat()));
		Map<String, String> partstats = new HashMap<>();
		for (SchoolDelivery.Invitee invitee : invitees.values()) {
			if (invitee.group() == null || answers.containsKey(invitee.accountId())) {
				String answer = answers.getOrDefault(invitee.accountId(), "NEEDS-ACTION");
				invitee.addresses().forEach(a -> partstats.put(a, answer));
			}
		}
		Attendees.setPartstats(ical, partstats);
		Attendees.dropForceSend(ical);
		String text = Attendees.print(ical);
		Map<String, String> statuses = deliver(message(SchedulingMessage.Method.REQUEST, calendar, name, object.uid(), me, Attendees.summary(ical), text,
				recipients));
		Attendees.setStatuses(ical, statuses);
		return objects.put(calendar, name, SchoolDelivery.parse(Attendees.print(ical)), actor, true, CalendarObjects.newScheduleTag());
	}

	/** Deletes what a person deleted: the organiser's event cancels the invitations, an invitee's copy declines. */
	@Transactional
	public boolean delete(Calendar calendar, String name, UUID actor) {
		UUID schoolId = calendar.schoolId();
		if (actor != null && calendar.id().equals(actor)) {
			Optional<Invitations.Invitation> copy = invitations.ofCopy(schoolId, actor, name);
			if (copy.isPresent()) {
				boolean deleted = objects.delete(calendar, name);
				answered(copy.get(), accounts.require(schoolId, actor), "DECLINED", Map.of());
				return deleted;
			}
		}
		List<Invitations.Invitation> before = invitations.ofEvent(schoolId, calendar.id(), name);
		if (before.isEmpty()) {
			return deleteUninvited(calendar, name, actor);
		}
		Optional<CalendarObjects.Entry> previous = objects.find(calendar, name);
		boolean deleted = objects.delete(calendar, name);
		Account organizer = accounts.find(schoolId, before.get(0).organizerId()).orElse(null);
		if (previous.isPresent() && organizer != null) {
			net.fortuna.ical4j.model.Calendar ical = Attendees.parse(previous.get().data());
			Attendees.cancel(ical);
			deliver(message(SchedulingMessage.Method.CANCEL, calendar, name, previous.get().uid(), organizer, Attendees.summary(ical), Attendees.print(ical),
					recipients(ical, organizer)));
		}
		else {
			before.forEach(invitations::delete);
		}
		return deleted;
	}

	/**
	 * An event without invitations in the school may still have attendees outside (guests invited by mail):
	 * when the person deleting it organised it, they get a CANCEL like the school's invitees would.
	 */
	private boolean deleteUninvited(Calendar calendar, String name, UUID actor) {
		Optional<CalendarObjects.Entry> previous = actor == null ? Optional.empty() : objects.find(calendar, name);
		boolean deleted = objects.delete(calendar, name);
		if (!deleted || previous.isEmpty() || !previous.get().data().toUpperCase(Locale.ROOT).contains("\nATTENDEE")) {
			return deleted;
		}
		Optional<net.fortuna.ical4j.model.Calendar> readable = readable(previous.get().data());
		if (readable.isEmpty()) {
			return deleted;
		}
		net.fortuna.ical4j.model.Calendar ical = readable.get();
		Account me = accounts.find(calendar.schoolId(), actor).orElse(null);
		if (me == null || !Attendees.organizer(ical).map(o -> mine(o, me)).orElse(false)) {
			return deleted;
		}
		List<Recipient> recipients = recipients(ical, me);
		if (!recipients.isEmpty()) {
			Attendees.cancel(ical);
			deliver(message(SchedulingMessage.Method.CANCEL, calendar, name, previous.get().uid(), me, Attendees.summary(ical), Attendees.print(ical),
					recipients));
		}
		return deleted;
	}

	/** The invitee's answer from the web: their line in their copy, then in the organiser's event. */
	@Transactional
	public void answer(Calendar calendar, String name, UUID person, String partstat) {
		answer(calendar, name, person, partstat, null);
	}

	/**
	 * The invitee's answer from the web to the whole series ({@code occurrence} null) or to the one occurrence
	 * that starts at {@code occurrence}: then their copy gets an override of that occurrence with their answer
	 * (made from the series, as for an answer from a calendar program), and the organiser's event and
	 * notification follow for that date only. An occurrence the series does not have changes nothing.
	 */
	@Transactional
	public void answer(Calendar calendar, String name, UUID person, String partstat, Instant occurrence) {
		if (!ANSWERS.contains(partstat) || !calendar.id().equals(person)) {
			throw new NotFoundException("invitation");
		}
		Invitations.Invitation invitation = invitations.ofCopy(calendar.schoolId(), person, name).orElseThrow(() -> new NotFoundException("invitation"));
		CalendarObjects.Entry copy = objects.find(calendar, name).orElseThrow(() -> new NotFoundException("invitation"));
		Account me = accounts.require(calendar.schoolId(), person);
		net.fortuna.ical4j.model.Calendar ical = Attendees.parse(copy.data());
		if (occurrence != null) {
			answerOccurrence(calendar, name, copy, ical, invitation, me, partstat, occurrence);
			return;
		}
		Map<String, String> mine = new HashMap<>();
		addresses(me).forEach(a -> mine.put(a, partstat));
		if (!Attendees.setPartstats(ical, mine)) {
			Attendees.addMember(ical, "mailto:" + me.login(), me.displayName(), null, partstat);
		}
		objects.put(calendar, name, SchoolDelivery.parse(Attendees.print(ical)), person, false, CalendarObjects.newScheduleTag());
		answered(invitation, me, partstat, Map.of());
	}

	private void answerOccurrence(Calendar calendar, String name, CalendarObjects.Entry copy, net.fortuna.ical4j.model.Calendar ical,
			Invitations.Invitation invitation, Account me, String partstat, Instant occurrence) {
		if (Attendees.partstat(ical, addresses(me)) == null) {
			// invited as a group's member: the copy names the group, not them; their line carries the series' answer
			Attendees.addMember(ical, "mailto:" + me.login(), me.displayName(), null, invitation.partstat());
		}
		Map<Instant, String> answers = Map.of(occurrence, partstat);
		if (InstanceAnswers.apply(ical, copy.data(), addresses(me), answers).isEmpty()) {
			return;
		}
		objects.put(calendar, name, SchoolDelivery.parse(Attendees.print(ical)), me.id(), false, CalendarObjects.newScheduleTag());
		answered(invitation, me, null, answers);
	}

	/** The more than {@value SchoolDelivery#MAX_INVITEES} people an event would invite: nothing is stored. */
	public static class TooManyInvitees extends RuntimeException {

		TooManyInvitees(int count) {
			super("An event invites at most " + SchoolDelivery.MAX_INVITEES + " people; this one would invite " + count + ".");
		}
	}

	/**
	 * An invitee's answer into the organiser's event: the series' answer (null when it did not change) on all
	 * their lines, then their answers to single occurrences where those differ.
	 */
	private void answered(Invitations.Invitation invitation, Account me, String partstat, Map<Instant, String> perOccurrence) {
		boolean series = partstat != null && !partstat.equals(invitation.partstat()) && !partstat.equals("NEEDS-ACTION");
		if (!series && perOccurrence.isEmpty()) {
			return;
		}
		if (series) {
			invitations.answer(invitation, partstat);
		}
		calendars.stored(invitation.schoolId(), invitation.calendarId()).ifPresent(calendar -> objects.find(calendar, invitation.eventName())
			.ifPresent(event -> {
				net.fortuna.ical4j.model.Calendar ical = Attendees.parse(event.data());
				if (series) {
					Map<String, String> mine = new HashMap<>();
					addresses(me).forEach(a -> mine.put(a, partstat));
					if (!Attendees.setPartstats(ical, mine)) {
						Attendees.addMember(ical, "mailto:" + me.login(), me.displayName(), null, partstat);
					}
				}
				if (!series && !perOccurrence.isEmpty() && Attendees.partstat(ical, addresses(me)) == null) {
					// invited as a group's member: the occurrence's answer needs their own line, with the series' answer
					Attendees.addMember(ical, "mailto:" + me.login(), me.displayName(), null, invitation.partstat());
				}
				List<Instant> occurrences = InstanceAnswers.apply(ical, event.data(), addresses(me), perOccurrence);
				if (!series && occurrences.isEmpty()) {
					return;
				}
				// only an answer: the organiser's client need not merge anything, the Schedule-Tag stays (RFC 6638 3.2.10)
				objects.put(calendar, invitation.eventName(), SchoolDelivery.parse(Attendees.print(ical)), null, false, CalendarObjects.KEEP_TAG);
				String link = SchoolDelivery.link(calendar.id(), invitation.eventName());
				if (series) {
					notifications.notify(invitation.schoolId(), invitation.organizerId(), answerNotification(partstat, link, me.displayName(),
							Attendees.summary(ical), null));
				}
				for (Instant occurrence : occurrences) {
					notifications.notify(invitation.schoolId(), invitation.organizerId(), answerNotification(perOccurrence.get(occurrence), link,
							me.displayName(), Attendees.summary(ical), occurrence));
				}
			}));
	}

	/** The organiser's notification for an answer: to the series, or to the occurrence that starts then. */
	static Notification answerNotification(String partstat, String link, String who, String summary, Instant occurrence) {
		if (occurrence == null) {
			return Notification.of("calendar.answer", notificationKey(partstat), link, who, summary);
		}
		return Notification.of("calendar.answer", notificationKey(partstat).replace("calendar.notification.", "calendar.notification.occurrence."),
				link, who, summary, OCCURRENCE_DATE.format(occurrence));
	}

	/** The organiser's notification for an answer. */
	static String notificationKey(String partstat) {
		return switch (partstat) {
			case "ACCEPTED" -> "calendar.notification.accepted";
			case "DECLINED" -> "calendar.notification.declined";
			default -> "calendar.notification.tentative";
		};
	}

	static Optional<net.fortuna.ical4j.model.Calendar> readable(String text) {
		try {
			return Optional.of(Attendees.parse(text));
		}
		catch (InvalidCalendarData ex) {
			log.warn("An event was stored without scheduling, ical4j's model cannot read it: {}", ex.getMessage());
			return Optional.empty();
		}
	}

	private Map<String, String> deliver(SchedulingMessage message) {
		Map<String, String> statuses = new HashMap<>();
		school.deliver(message).forEach((address, status) -> statuses.put(Attendees.key(address), status));
		List<Recipient> rest = new ArrayList<>(message.recipients().stream().filter(r -> !statuses.containsKey(Attendees.key(r.address()))).toList());
		for (InvitationDelivery delivery : deliveries) {
			if (rest.isEmpty()) {
				break;
			}
			delivery.deliver(new SchedulingMessage(message.schoolId(), message.method(), message.organizerId(), message.organizerAddress(),
					message.calendarId(), message.objectName(), message.uid(), message.summary(), message.text(), List.copyOf(rest)))
				.forEach((address, status) -> statuses.put(Attendees.key(address), status));
			rest.removeIf(r -> statuses.containsKey(Attendees.key(r.address())));
		}
		for (Recipient recipient : rest) {
			boolean ours = Attendees.key(recipient.address()).startsWith("urn:uuid:");
			// 3.7: no such person here; 5.1: nobody could take it (no mail delivery yet)
			statuses.put(Attendees.key(recipient.address()), ours ? "3.7" : "5.1");
		}
		return statuses;
	}

	private static SchedulingMessage message(SchedulingMessage.Method method, Calendar calendar, String name, String uid, Account organizer,
			String summary, String text, List<Recipient> recipients) {
		return new SchedulingMessage(calendar.schoolId(), method, organizer.id(), "mailto:" + organizer.login(), calendar.id(), name, uid, summary, text,
				recipients);
	}

	/** The attendees to deliver to: no rooms, none a client schedules itself, not the organiser. */
	private static List<Recipient> recipients(net.fortuna.ical4j.model.Calendar ical, Account organizer) {
		return Attendees.parties(ical).stream().filter(p -> !p.room() && !p.scheduledElsewhere() && !mine(p.address(), organizer))
			.map(p -> new Recipient(p.address(), p.cutype())).toList();
	}

	/** The addresses (keys) a person is known by: their sign-in as mailto and their account's urn:uuid. */
	static Set<String> addresses(Account account) {
		return Set.of(Attendees.key("mailto:" + account.login()), Attendees.key("urn:uuid:" + account.id()));
	}

	static boolean mine(String address, Account account) {
		String key = Attendees.key(address);
		return addresses(account).contains(key) || key.endsWith("/caldav/" + account.login().toLowerCase(Locale.ROOT) + "/");
	}

}
