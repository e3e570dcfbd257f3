package de.schulhaus.blobs;

import java.time.Instant;
import java.util.UUID;

/**
 * A resumable upload as {@code blob_upload} has it.
 *
 * @param id its id, which the content keeps once complete and attached
 * @param owner whose space it is for; nobody else finds it
 * @param length how long it will be, announced when it began
 * @param offset how much of it is durably stored: where the next bytes go
 * @param metadata what the caller stored with it (where the content goes once complete)
 * @param attached whether its content was attached (it then stays, complete, until it expires)
 * @param expires when it is removed unless more bytes arrive before
 */
public record ResumableUpload(UUID id, BlobOwner owner, long length, long offset, String metadata, boolean attached, Instant expires) {

	public boolean complete() {
		return offset == length;
	}
}
