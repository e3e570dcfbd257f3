/**
 * The blob store: file and message content, addressed by id, never by a user's path. Embedded mode
 * keeps blobs in a local folder; content is written to a temporary file, fsynced and then moved in
 * place, and its row commits with the transaction that refers to it, so a crash leaves at most an
 * orphan, which a sweeper removes, never a half-written blob or a row without content.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package de.schulhaus.blobs;
