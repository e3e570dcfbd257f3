package de.schulhaus.blobs;

/** The content does not fit into its space's quota; nothing was stored (HTTP 507 on WebDAV, 413 elsewhere). */
public class QuotaExceededException extends RuntimeException {

	private final BlobOwner owner;
	private final long bytes;

	QuotaExceededException(BlobOwner owner, long bytes) {
		super(bytes + " bytes do not fit into the quota of " + owner);
		this.owner = owner;
		this.bytes = bytes;
	}

	public BlobOwner owner() {
		return owner;
	}

	public long bytes() {
		return bytes;
	}
}
