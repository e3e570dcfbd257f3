/**
 * Calendars and address books: a personal calendar for everyone, one per group and one per school,
 * served over CalDAV (RFC 4791) through the {@code dav} engine and in the browser. Group calendars follow
 * the roster: who sees and writes them is decided from the group's members at each request.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "dav", "accounts", "schools", "files" })
package de.schulhaus.calendar;
