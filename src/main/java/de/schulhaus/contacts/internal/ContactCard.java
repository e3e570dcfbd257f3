package de.schulhaus.contacts.internal;

/**
 * One validated address object resource (RFC 6352 5.1): a single vCard 3.0 or 4.0 with UID and FN.
 *
 * @param formattedName the FN, at most 255 characters
 * @param version "3.0" or "4.0"
 * @param text the client's vCard as sent (decoded as UTF-8)
 */
public record ContactCard(String uid, String formattedName, String version, String text) {
}
