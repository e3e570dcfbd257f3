/**
 * The blob store: file and message content, addressed by id, never by a user's path. Embedded mode
 * keeps blobs in a local folder; content is written to a temporary file, fsynced and then moved in
 * place, so a crash leaves at most an orphan, never a half-written blob.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package de.schulhaus.blobs;
