/**
 * Service e-mail: a mailbox for everyone at their sign-in address, function mailboxes and group list
 * addresses; messages stored as raw blobs with what lists and searches need in the database; SMTP in
 * and out, IMAP for mail apps and webmail, all on the same store. Unread chat mentions reach people's inboxes
 * as a digest ({@code mail.digest}); the messenger offers them without knowing about mail.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "schools", "accounts", "blobs", "files", "calendar", "contacts", "chat" })
package de.schulhaus.mail;
