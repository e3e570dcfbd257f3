package de.schulhaus.calendar.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.CalendarData;
import de.schulhaus.calendar.internal.CalendarObject;
import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.calendar.internal.EventDraft;
import de.schulhaus.calendar.internal.EventDrafts;
import de.schulhaus.calendar.internal.SeriesExceptions;
import de.schulhaus.calendar.internal.InvalidCalendarData;
import de.schulhaus.calendar.internal.InvitationViews;
import de.schulhaus.calendar.internal.Rooms;
import de.schulhaus.calendar.internal.Scheduling;
import de.schulhaus.platform.NotFoundException;

/**
 * Events made, changed and deleted from the dialog. Every text is checked by {@link CalendarData#parse}
 * before it is stored, so the web follows the same rules as CalDAV; a series split in two is one transaction.
 */
@Component
class EventChanges {

	/** What a change of one instance of a series applies to. */
	enum Scope {
		THIS("dieses"), FOLLOWING("folgende"), ALL("alle");

		final String param;

		Scope(String param) {
			this.param = param;
		}

		static Scope of(String value) {
			for (Scope scope : values()) {
				if (scope.param.equals(value)) {
					return scope;
				}
			}
			return ALL;
		}
	}

	static final long MAX_SIZE = 1_000_000;

	private final CalendarObjects objects;
	private final Scheduling scheduling;
	private final Clock clock = Clock.systemUTC();

	EventChanges(CalendarObjects objects, Scheduling scheduling) {
		this.objects = objects;
		this.scheduling = scheduling;
	}

	/**
	 * The dialog's people, groups, rooms and equipment: who organises, which attendees it showed and which are
	 * chosen, the school's resources it offered and the ones ticked (null for both when the form had no
	 * rooms: those the event names stay); null leaves the attendees as they are (a drag in the week view).
	 */
	record Invite(de.schulhaus.accounts.Account organizer, java.util.List<String> shown, java.util.List<InvitationViews.Choice> chosen,
			java.util.List<Rooms.Room> offeredRooms, java.util.List<Rooms.Room> chosenRooms) {

		Invite(de.schulhaus.accounts.Account organizer, java.util.List<String> shown, java.util.List<InvitationViews.Choice> chosen) {
			this(organizer, shown, chosen, null, null);
		}

		Invite withRooms(java.util.List<Rooms.Room> offered, java.util.List<Rooms.Room> ticked) {
			return new Invite(organizer, shown, chosen, offered, ticked);
		}

		String apply(String text) {
			return apply(text, null);
		}

		/** With {@code only} (an instance's original start) the rooms are that date's alone. */
		String apply(String text, Instant only) {
			String invited = chosen.isEmpty() && shown.isEmpty() ? text : InvitationViews.invite(text, organizer, shown, chosen);
			if (chosenRooms == null || chosenRooms.isEmpty() && offeredRooms.isEmpty()) {
				return invited;
			}
			return InvitationViews.bookRooms(invited, organizer, offeredRooms, chosenRooms, only);
		}
	}

	/**
	 * The problem a change ran into that the person can act on, as a message key: a room already booked,
	 * an exam plan's rules; null for none of these.
	 */
	static String problem(RuntimeException ex) {
		if (ex instanceof InvalidCalendarData) {
			return "calendar.error.invalid";
		}
		if (ex instanceof de.schulhaus.calendar.internal.Bookings.Conflict) {
			return "calendar.error.roomTaken";
		}
		if (ex instanceof de.schulhaus.calendar.internal.ExamPlans.SameDay) {
			return "calendar.error.examSameDay";
		}
		if (ex instanceof de.schulhaus.calendar.internal.ExamRules.TooMany) {
			return "calendar.error.examTooMany";
		}
		if (ex instanceof de.schulhaus.calendar.internal.Scheduling.TooManyInvitees) {
			return "calendar.error.tooManyInvitees";
		}
		return null;
	}

	/** The new event's object name ({@code <uid>.ics}). */
	@Transactional
	String create(Calendar calendar, EventDraft draft, UUID actor) {
		return create(calendar, draft, null, actor);
	}

	@Transactional
	String create(Calendar calendar, EventDraft draft, Invite invite, UUID actor) {
		String uid = UUID.randomUUID().toString();
		String text = EventDrafts.create(uid, draft, clock.instant());
		scheduling.put(calendar, uid + ".ics", checked(invite == null ? text : invite.apply(text)), actor);
		return uid + ".ics";
	}

	@Transactional
	void update(Calendar calendar, String name, Instant instance, Scope scope, EventDraft draft, UUID actor) {
		update(calendar, name, instance, scope, draft, null, actor);
	}

	@Transactional
	void update(Calendar calendar, String name, Instant instance, Scope scope, EventDraft draft, Invite invite, UUID actor) {
		CalendarObjects.Entry entry = require(calendar, name);
		Instant now = clock.instant();
		Scope applied = instance == null || isFirst(entry, instance) && scope == Scope.FOLLOWING ? Scope.ALL : scope;
		java.util.function.UnaryOperator<String> invited = text -> invite == null ? text : invite.apply(text);
		switch (applied) {
			case ALL -> scheduling.put(calendar, name, checked(invited.apply(EventDrafts.update(entry.data(), draft, instance, now))), actor);
			case THIS -> scheduling.put(calendar, name,
					checked(invite == null ? EventDrafts.updateInstance(entry.data(), instance, draft, now)
							: invite.apply(EventDrafts.updateInstance(entry.data(), instance, draft, now), instance)), actor);
			case FOLLOWING -> {
				scheduling.put(calendar, name, checked(EventDrafts.endBefore(entry.data(), instance, now)), actor);
				create(calendar, draft, invite, actor);
			}
		}
	}

	@Transactional
	void delete(Calendar calendar, String name, Instant instance, Scope scope, UUID actor) {
		CalendarObjects.Entry entry = require(calendar, name);
		Instant now = clock.instant();
		if (instance == null || scope == Scope.ALL || (scope == Scope.FOLLOWING && isFirst(entry, instance))) {
			scheduling.delete(calendar, name, actor);
		}
		else if (scope == Scope.THIS) {
			scheduling.put(calendar, name, checked(EventDrafts.excludeInstance(entry.data(), instance, now)), actor);
		}
		else {
			scheduling.put(calendar, name, checked(EventDrafts.endBefore(entry.data(), instance, now)), actor);
		}
	}

	/** An excluded date of the series brought back (its room booked again, or refused as any booking). */
	@Transactional
	void restore(Calendar calendar, String name, Instant excluded, UUID actor) {
		CalendarObjects.Entry entry = require(calendar, name);
		scheduling.put(calendar, name, checked(SeriesExceptions.restore(entry.data(), excluded, clock.instant())), actor);
	}

	/** An instance changed on its own set back to the series. */
	@Transactional
	void reset(Calendar calendar, String name, Instant instance, UUID actor) {
		CalendarObjects.Entry entry = require(calendar, name);
		scheduling.put(calendar, name, checked(SeriesExceptions.reset(entry.data(), instance, clock.instant())), actor);
	}

	java.util.Optional<CalendarObjects.Entry> find(Calendar calendar, String name) {
		return name == null || name.isBlank() ? java.util.Optional.empty() : objects.find(calendar, name).filter(e -> "VEVENT".equals(e.component()));
	}

	CalendarObjects.Entry require(Calendar calendar, String name) {
		if (name == null || name.isBlank()) {
			throw new NotFoundException("event");
		}
		CalendarObjects.Entry entry = objects.find(calendar, name).orElseThrow(() -> new NotFoundException("event"));
		if (!"VEVENT".equals(entry.component())) {
			throw new NotFoundException("event");
		}
		return entry;
	}

	private static boolean isFirst(CalendarObjects.Entry entry, Instant instance) {
		return entry.startsAt() != null && !instance.isAfter(entry.startsAt());
	}

	private static CalendarObject checked(String text) {
		return CalendarData.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), MAX_SIZE);
	}
}
