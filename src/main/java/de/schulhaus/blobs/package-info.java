/**
 * The blob store: file and message content, addressed by id, never by a user's path; in a local
 * folder (the default) or an S3-compatible bucket. Content is staged outside transactions and
 * attached in the one that stores the row referring to it, with its owner and size for quotas, so a
 * crash leaves at most an orphan, which a sweeper removes, never a half-written blob or a row
 * without content.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package de.schulhaus.blobs;
