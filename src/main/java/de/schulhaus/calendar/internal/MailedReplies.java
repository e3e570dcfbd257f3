package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.calendar.InvitationReplies;
import de.schulhaus.platform.Notifications;

import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * Applies a mailed answer the way an invitee's answer in the calendar is applied: the attendee's PARTSTAT in
 * the organiser's event, without a new Schedule-Tag (an answer, not a change of the event), and a
 * notification to the organiser. Only the line of the address the mail came from counts, so a reply cannot
 * answer for somebody else; answers to single occurrences (RECURRENCE-ID) go on that occurrence
 * ({@link InstanceAnswers}).
 */
@Service
class MailedReplies implements InvitationReplies {

	private final Calendars calendars;
	private final CalendarObjects objects;
	private final AccountManagement accounts;
	private final Notifications notifications;

	MailedReplies(Calendars calendars, CalendarObjects objects, AccountManagement accounts, Notifications notifications) {
		this.calendars = calendars;
		this.objects = objects;
		this.accounts = accounts;
		this.notifications = notifications;
	}

	@Override
	@Transactional
	public Outcome apply(UUID schoolId, UUID organizerId, String from, String replyText) {
		net.fortuna.ical4j.model.Calendar reply;
		try {
			reply = Attendees.parse(replyText);
		}
		catch (RuntimeException unreadable) {
			return Outcome.UNREADABLE;
		}
		boolean isReply = reply.getProperty("METHOD").map(Property::getValue).map(m -> m.strip().equalsIgnoreCase("REPLY")).orElse(false);
		Optional<VEvent> answered = ICalEvents.events(reply).stream().findFirst();
		if (!isReply || answered.isEmpty()) {
			return Outcome.UNREADABLE;
		}
		String uid = answered.get().getProperty("UID").map(Property::getValue).map(String::strip).orElse("");
		String address = Attendees.key("mailto:" + from);
		String partstat = InstanceAnswers.ofSeries(reply, java.util.Set.of(address));
		boolean series = partstat != null && Scheduling.ANSWERS.contains(partstat);
		Map<Instant, String> occurrences = InstanceAnswers.of(reply, java.util.Set.of(address));
		if (!series && occurrences.isEmpty()) {
			return Outcome.NOT_AN_ATTENDEE;
		}
		Optional<Account> organizer = accounts.find(schoolId, organizerId);
		if (organizer.isEmpty() || uid.isEmpty()) {
			return Outcome.NO_EVENT;
		}
		for (Calendar calendar : calendars.visibleTo(schoolId, organizerId, organizer.get().role())) {
			if (!calendar.writable() || !calendar.stored()) {
				continue;
			}
			Optional<String> name = objects.nameOf(calendar, uid);
			if (name.isEmpty()) {
				continue;
			}
			CalendarObjects.Entry event = objects.find(calendar, name.get()).orElseThrow();
			net.fortuna.ical4j.model.Calendar ical = Attendees.parse(event.data());
			if (!Attendees.organizer(ical).map(o -> Scheduling.mine(o, organizer.get())).orElse(false)) {
				continue;
			}
			if (series ? !Attendees.setPartstats(ical, Map.of(address, partstat)) : Attendees.partstat(ical, java.util.Set.of(address)) == null) {
				return Outcome.NOT_AN_ATTENDEE;
			}
			List<Instant> changed = InstanceAnswers.apply(ical, event.data(), java.util.Set.of(address), occurrences);
			if (!series && changed.isEmpty()) {
				return Outcome.APPLIED;
			}
			objects.put(calendar, name.get(), SchoolDelivery.parse(Attendees.print(ical)), null, false, CalendarObjects.KEEP_TAG);
			String who = Attendees.parties(ical).stream().filter(p -> Attendees.key(p.address()).equals(address)).map(Attendees.Party::cn)
				.filter(cn -> cn != null && !cn.isBlank()).findFirst().orElse(from.toLowerCase(Locale.ROOT));
			String link = SchoolDelivery.link(calendar.id(), name.get());
			if (series) {
				notifications.notify(schoolId, organizerId, Scheduling.answerNotification(partstat, link, who, Attendees.summary(ical), null));
			}
			for (Instant occurrence : changed) {
				notifications.notify(schoolId, organizerId, Scheduling.answerNotification(occurrences.get(occurrence), link, who,
						Attendees.summary(ical), occurrence));
			}
			return Outcome.APPLIED;
		}
		return Outcome.NO_EVENT;
	}
}
