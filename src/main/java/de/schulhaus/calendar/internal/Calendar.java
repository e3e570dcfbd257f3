package de.schulhaus.calendar.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A calendar as one person sees it.
 *
 * @param slug its segment in CalDAV paths below the person's home
 * @param components the component types it takes ({@code VEVENT}, {@code VTODO})
 * @param revision counts every change of its objects (CTag, sync token); 0 for a calendar nobody wrote yet
 * @param writable whether this person may change its events
 * @param removable whether this person may rename or delete the calendar itself
 * @param stored whether its row exists (group and school calendars get one at their first change)
 */
public record Calendar(UUID id, UUID schoolId, CalendarKind kind, UUID ownerId, String slug, String name, String color, String description,
		List<String> components, long revision, boolean writable, boolean removable, boolean stored, Instant updated) {

	public Calendar withRevision(long next) {
		return new Calendar(id, schoolId, kind, ownerId, slug, name, color, description, components, next, writable, removable, true, updated);
	}
}
