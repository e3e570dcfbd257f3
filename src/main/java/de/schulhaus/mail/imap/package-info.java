/**
 * IMAP4rev1 for mail apps (Thunderbird, Apple Mail, Outlook, phones): the STARTTLS and implicit-TLS
 * listeners, sign-in through {@code accounts.ProtocolSignIn}, and the commands on the mail store that
 * the webmail also uses, so both see the same folders live.
 */
package de.schulhaus.mail.imap;
