package de.schulhaus.calendar.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import de.schulhaus.calendar.internal.BusyOnly;
import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.calendar.internal.EventDraft;
import de.schulhaus.calendar.internal.EventDrafts;
import de.schulhaus.calendar.internal.SeriesExceptions;
import de.schulhaus.calendar.internal.InvitationViews;
import de.schulhaus.platform.SchulhausUser;

/**
 * What an event's details show: times on the viewer's clock (and the event's own zone beside them), how it repeats,
 * attendees, attachments, and for a series' writers its exceptions. Shared by the details page and the answers that
 * show the details again.
 */
@Component
class EventDetails {

	private final WebCalendars calendars;
	private final EventChanges changes;
	private final InvitationViews scheduling;
	private final MessageSource messages;

	EventDetails(WebCalendars calendars, EventChanges changes, InvitationViews scheduling, MessageSource messages) {
		this.calendars = calendars;
		this.changes = changes;
		this.scheduling = scheduling;
		this.messages = messages;
	}

	void fill(SchulhausUser user, String calendarId, String name, Instant instance, String ansicht, Locale locale, Model model) {
		Calendar calendar = calendars.require(user, calendarId);
		CalendarObjects.Entry entry = changes.require(calendar, name);
		// a private event of a calendar the person only reads: its times under "Belegt", nothing else
		boolean busyOnly = BusyOnly.hides(calendar, entry, user);
		EventDrafts.Stored read = EventDrafts.read(busyOnly ? BusyOnly.strip(entry.data(), messages.getMessage("calendar.busy", null, locale))
				: entry.data(), instance);
		// the viewer's clock, and the event's own beside it when it was set in another zone
		EventDraft own = read.draft();
		EventDrafts.Stored stored = new EventDrafts.Stored(read.uid(), read.recurring(), own.seenIn(CalendarFormats.ZONE));
		CalendarFormats formats = new CalendarFormats(locale);
		model.addAttribute("zoneNote", own.allDay() || own.zone().equals(CalendarFormats.ZONE) ? null
				: messages.getMessage("calendar.zone.note", new Object[] { ZoneChoice.of(own.zone().getId(), formats.locale()).label(),
						formats.day(own.start().toLocalDate()) + ", " + formats.time(own.start()) + "–" + formats.clock(own.end()) }, locale));
		// "monatlich, jeden 2. Dienstag": said for the series' first date, which the rule follows
		EventDraft.Repeat repeat = own.repeat();
		model.addAttribute("repeatDetail", repeat.frequency() != EventDraft.Frequency.MONTHLY || repeat.monthly() == EventDraft.MonthlyBy.DAY ? null
				: MonthlyChoice.of(EventDrafts.read(entry.data(), null).draft().start().toLocalDate(), formats, messages, locale).stream()
					.filter(c -> c.value().equals(repeat.monthly() == EventDraft.MonthlyBy.WEEKDAY ? "wochentag" : "letzter")).findFirst()
					.map(MonthlyChoice::label).orElse(null));
		model.addAttribute("calendar", calendar);
		model.addAttribute("event", stored);
		model.addAttribute("invited", busyOnly ? new InvitationViews.Invited(List.of(), null, false, null)
				: scheduling.invited(calendar, entry, user.accountId(), instance));
		model.addAttribute("attachments", stored.draft().attachments().stream().map(EventAttachmentChoices::row).toList());
		model.addAttribute("answerAction", "/kalender/" + calendar.id() + "/termin/antwort");
		model.addAttribute("name", name);
		model.addAttribute("instance", instance == null ? null : instance.toString());
		model.addAttribute("view", CalendarView.of(ansicht).param);
		model.addAttribute("cal", new CalendarFormats(locale));
		model.addAttribute("editHref", EventController.action(calendar, "bearbeiten", name, instance));
		model.addAttribute("deleteAction", "/kalender/" + calendar.id() + "/termin/loeschen");
		model.addAttribute("exceptions", calendar.writable() && stored.recurring() ? ExceptionRow.of(SeriesExceptions.exceptions(entry.data()), formats)
				: List.of());
		model.addAttribute("exceptionAction", "/kalender/" + calendar.id() + "/termin/ausnahme");
	}
}
