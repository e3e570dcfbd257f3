/**
 * The WebDAV engine (RFC 4918, classes 1 and 2) that files, and later calendars and contacts, serve
 * their trees through: request parsing, multistatus XML, dead properties, copy and move, locks shared
 * by all nodes in the database. A module implements {@link de.schulhaus.dav.DavRepository} and hands
 * each request to {@link de.schulhaus.dav.DavEngine}; the engine knows no feature module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform" })
package de.schulhaus.dav;
