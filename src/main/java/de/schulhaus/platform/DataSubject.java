package de.schulhaus.platform;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * The person whose data is exported or erased (DSGVO: the "betroffene Person"), as every module
 * sees them: modules find what they hold by the account id (and the school), the audit log also
 * by the login.
 *
 * @param accountId the person's account
 * @param schoolId their school; {@code null} for the operator
 * @param login their service address, which the audit log names them by
 * @param displayName first and last name, for the export's cover note
 * @param locale language of the export's cover note and descriptions
 * @param since when the account was created: a login may have belonged to a deleted account before,
 *              whose entries are not this person's
 */
public record DataSubject(UUID accountId, UUID schoolId, String login, String displayName, Locale locale, Instant since) {
}
