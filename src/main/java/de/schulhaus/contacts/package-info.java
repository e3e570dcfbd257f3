/**
 * Address books over CardDAV (RFC 6352): the school's directory, made from the roster at each request
 * and read-only, with the groups as contact groups; and personal address books that clients write, vCard
 * 3.0 and 4.0 stored as sent. Pupils see in the directory only the school's staff and their own groups.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "dav", "accounts", "schools" })
package de.schulhaus.contacts;
