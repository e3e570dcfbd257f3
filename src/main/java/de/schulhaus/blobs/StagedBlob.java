package de.schulhaus.blobs;

import java.util.UUID;

/**
 * Content that {@link BlobStore#stage} has stored but nothing refers to yet. Attach it in the
 * transaction that stores the referring row, or discard it; otherwise the sweeper removes it once it
 * is older than the staging age ({@code schulhaus.blobs.staging-age}).
 *
 * @param id the id the content keeps once attached
 * @param size its length in bytes
 */
public record StagedBlob(UUID id, long size) {
}
