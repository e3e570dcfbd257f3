package de.schulhaus.files.internal;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code file_node}: a folder or a file of a space. */
record FileNode(UUID id, UUID parentId, String name, boolean folder, UUID blobId, long size, String contentType, String etag,
		Instant created, Instant modified, UUID modifiedBy) {
}
