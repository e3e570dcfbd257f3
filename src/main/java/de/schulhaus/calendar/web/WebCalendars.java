package de.schulhaus.calendar.web;

import java.util.List;
import java.util.Optional;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import de.schulhaus.calendar.internal.Calendar;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/** The calendars a person sees, for the web: one they do not see is "not found", one they only read refuses changes. */
@Component
class WebCalendars {

	private final Calendars calendars;

	WebCalendars(Calendars calendars) {
		this.calendars = calendars;
	}

	List<Calendar> visibleTo(SchulhausUser user) {
		if (user.schoolId() == null) {
			throw new NotFoundException("calendar");
		}
		return calendars.visibleTo(user);
	}

	List<Calendar> writableBy(SchulhausUser user) {
		return visibleTo(user).stream().filter(c -> c.writable() && c.components().contains("VEVENT")).toList();
	}

	Calendar require(SchulhausUser user, String id) {
		return find(user, id).orElseThrow(() -> new NotFoundException("calendar"));
	}

	Calendar requireWritable(SchulhausUser user, String id) {
		Calendar calendar = require(user, id);
		if (!calendar.writable() || !calendar.components().contains("VEVENT")) {
			throw new AccessDeniedException("this calendar is read-only for this person");
		}
		return calendar;
	}

	private Optional<Calendar> find(SchulhausUser user, String id) {
		if (user.schoolId() == null || id == null) {
			return Optional.empty();
		}
		// by id only: the web's URLs never use slugs
		return calendars.visibleTo(user).stream().filter(c -> c.id().toString().equalsIgnoreCase(id)).findFirst();
	}
}
