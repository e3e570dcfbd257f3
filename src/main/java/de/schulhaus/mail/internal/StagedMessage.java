package de.schulhaus.mail.internal;

import de.schulhaus.blobs.StagedBlob;

/** A raw message in the blob store, not yet in any folder, with what was read from it. */
public record StagedMessage(StagedBlob blob, ScannedMessage scan) {

	public long size() {
		return blob.size();
	}
}
