package de.schulhaus.calendar.internal;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.calendar.InvitationDelivery;
import de.schulhaus.calendar.SchedulingMessage;
import de.schulhaus.calendar.SchedulingMessage.Recipient;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.Notifications;

/**
 * Invitations to people of the organiser's school: each invitee (a group's current members for a group)
 * gets a copy of the event in their personal calendar, kept up to date and marked cancelled when the
 * organiser deletes the event or removes them. Addresses of another school's people never match.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SchoolDelivery implements InvitationDelivery {

	static final int MAX_INVITEES = 500;
	private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9@._-]{1,200}");

	private final AccountManagement accounts;
	private final GroupManagement groups;
	private final Calendars calendars;
	private final CalendarObjects objects;
	private final Invitations invitations;
	private final Notifications notifications;

	SchoolDelivery(AccountManagement accounts, GroupManagement groups, Calendars calendars, CalendarObjects objects, Invitations invitations,
			Notifications notifications) {
		this.accounts = accounts;
		this.groups = groups;
		this.calendars = calendars;
		this.objects = objects;
		this.invitations = invitations;
		this.notifications = notifications;
	}

	/** An invitee of the school: named themselves ({@code group} null) or as a member of a group the event names. */
	record Invitee(UUID accountId, String login, String name, de.schulhaus.platform.Role role, String address, String group) {

		Set<String> addresses() {
			return new java.util.HashSet<>(List.of(Attendees.key("mailto:" + login), Attendees.key("urn:uuid:" + accountId), Attendees.key(address)));
		}
	}

	/** The active people of the school these recipients name, by account; the organiser left out. */
	Map<UUID, Invitee> resolve(UUID school, UUID organizer, List<Recipient> recipients) {
		Map<UUID, String> byId = new LinkedHashMap<>();
		Map<String, String> byLogin = new LinkedHashMap<>();
		Map<UUID, String> byGroup = new LinkedHashMap<>();
		for (Recipient recipient : recipients) {
			String key = Attendees.key(recipient.address());
			if (key.startsWith("urn:uuid:")) {
				try {
					UUID id = UUID.fromString(key.substring("urn:uuid:".length()));
					(("GROUP".equals(recipient.cutype())) ? byGroup : byId).putIfAbsent(id, recipient.address());
				}
				catch (IllegalArgumentException ex) {
					// not one of ours
				}
			}
			else if (key.startsWith("mailto:")) {
				byLogin.putIfAbsent(key.substring("mailto:".length()), recipient.address());
			}
		}
		Map<UUID, Invitee> invitees = new LinkedHashMap<>();
		Map<UUID, String> members = new LinkedHashMap<>();
		for (Map.Entry<UUID, String> group : byGroup.entrySet()) {
			try {
				groups.members(school, group.getKey()).forEach(m -> members.putIfAbsent(m.accountId(), group.getValue()));
			}
			catch (de.schulhaus.platform.NotFoundException unknownGroup) {
				// a group of another school or none: nobody is invited by it, like any address outside
			}
		}
		for (Account account : accounts.findAll(school, byId.keySet())) {
			if (account.active()) {
				invitees.put(account.id(), invitee(account, byId.get(account.id()), null));
			}
		}
		for (Account account : accounts.findByLogins(school, byLogin.keySet())) {
			if (account.active()) {
				invitees.putIfAbsent(account.id(), invitee(account, byLogin.get(account.login().toLowerCase(Locale.ROOT)), null));
			}
		}
		if (!members.isEmpty()) {
			for (Account account : accounts.findAll(school, members.keySet())) {
				if (account.active()) {
					invitees.putIfAbsent(account.id(), invitee(account, "mailto:" + account.login(), members.get(account.id())));
				}
			}
		}
		if (organizer != null) {
			invitees.remove(organizer);
		}
		return invitees;
	}

	/**
	 * Whom a pupil (or an external person) may invite: the people of their own groups, as the web's search
	 * offers them; empty for everyone else, who may invite the whole school.
	 */
	private java.util.Optional<Set<UUID>> reachable(UUID school, UUID organizer) {
		de.schulhaus.platform.Role role = accounts.find(school, organizer).map(Account::role).orElse(de.schulhaus.platform.Role.PUPIL);
		if (role != de.schulhaus.platform.Role.PUPIL && role != de.schulhaus.platform.Role.EXTERN) {
			return java.util.Optional.empty();
		}
		Set<UUID> people = new java.util.HashSet<>();
		groups.groupsOf(school, organizer).forEach(m -> groups.members(school, m.groupId()).forEach(member -> people.add(member.accountId())));
		return java.util.Optional.of(people);
	}

	private static Invitee invitee(Account account, String address, String group) {
		return new Invitee(account.id(), account.login(), account.displayName(), account.role(), address, group);
	}

	@Override
	public Map<String, String> deliver(SchedulingMessage message) {
		Map<UUID, Invitee> invitees = resolve(message.schoolId(), message.organizerId(), message.recipients());
		if (message.method() == SchedulingMessage.Method.REQUEST) {
			reachable(message.schoolId(), message.organizerId()).ifPresent(people -> invitees.keySet().removeIf(id -> !people.contains(id)));
		}
		if (invitees.size() > MAX_INVITEES) {
			throw new Scheduling.TooManyInvitees(invitees.size());
		}
		List<Invitations.Invitation> before = invitations.ofEvent(message.schoolId(), message.calendarId(), message.objectName());
		Map<String, String> statuses = new HashMap<>();
		if (message.method() == SchedulingMessage.Method.CANCEL) {
			before.forEach(i -> cancel(i, message.summary()));
			invitees.values().forEach(i -> statuses.put(i.group() == null ? i.address() : i.group(), "1.2"));
			return statuses;
		}
		Map<UUID, Invitations.Invitation> known = new HashMap<>();
		before.forEach(i -> known.put(i.attendeeId(), i));
		net.fortuna.ical4j.model.Calendar copy = Attendees.parse(message.text());
		Attendees.asCopy(copy);
		String copyText = Attendees.print(copy);
		CalendarObject shared = parse(copyText);
		for (Invitee invitee : invitees.values()) {
			Calendar personal = calendars.personal(message.schoolId(), invitee.accountId());
			Invitations.Invitation invitation = known.remove(invitee.accountId());
			String name = invitation != null ? invitation.copyName()
					: objects.nameOf(personal, message.uid()).orElseGet(() -> freeName(personal, message.uid()));
			CalendarObject object = shared;
			if (invitee.group() != null && Attendees.partstat(copy, invitee.addresses()) == null) {
				// a group's member answers on a line of their own (RFC 6638 leaves it to the server to add one)
				net.fortuna.ical4j.model.Calendar own = Attendees.parse(copyText);
				Attendees.addMember(own, invitee.address(), invitee.name(), invitee.group(),
						invitation == null ? "NEEDS-ACTION" : invitation.partstat());
				object = parse(Attendees.print(own));
			}
			objects.put(personal, name, object, null, false, CalendarObjects.newScheduleTag());
			statuses.put(invitee.group() == null ? invitee.address() : invitee.group(), "1.2");
			if (invitation == null) {
				invitations.insert(message.schoolId(), message.calendarId(), message.objectName(), message.uid(), message.organizerId(), invitee.accountId(),
						name, "NEEDS-ACTION");
				notifications.notify(message.schoolId(), invitee.accountId(),
						Notification.of("calendar.invitation", "calendar.notification.invited", link(invitee.accountId(), name), message.summary()));
			}
		}
		// those no longer invited
		known.values().forEach(i -> cancel(i, message.summary()));
		return statuses;
	}

	private void cancel(Invitations.Invitation invitation, String summary) {
		Calendar personal = calendars.personal(invitation.schoolId(), invitation.attendeeId());
		objects.find(personal, invitation.copyName()).ifPresent(copy -> {
			net.fortuna.ical4j.model.Calendar cancelled = Attendees.parse(copy.data());
			if (!Attendees.cancelled(cancelled)) {
				Attendees.cancel(cancelled);
				objects.put(personal, invitation.copyName(), parse(Attendees.print(cancelled)), null, false, CalendarObjects.newScheduleTag());
				notifications.notify(invitation.schoolId(), invitation.attendeeId(), Notification.of("calendar.invitation",
						"calendar.notification.cancelled", link(invitation.attendeeId(), invitation.copyName()), summary));
			}
		});
		invitations.delete(invitation);
	}

	static String link(UUID calendar, String name) {
		return "/kalender/" + calendar + "/termin?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
	}

	/** A name for a new copy that is no other event's of the invitee. */
	private String freeName(Calendar personal, String uid) {
		String name = copyName(uid);
		return objects.find(personal, name).isEmpty() ? name : "einladung-" + UUID.nameUUIDFromBytes(uid.getBytes(StandardCharsets.UTF_8)) + ".ics";
	}

	static String copyName(String uid) {
		return PLAIN_NAME.matcher(uid).matches() && !uid.endsWith(".ics") ? uid + ".ics"
				: UUID.nameUUIDFromBytes(uid.getBytes(StandardCharsets.UTF_8)) + ".ics";
	}

	static CalendarObject parse(String text) {
		return CalendarData.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 2_000_000);
	}
}
