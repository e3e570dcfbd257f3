package de.schulhaus.blobs;

/**
 * An append that does not continue where the upload stands: it names another offset, or another
 * request is appending right now ({@link #busy()}). Nothing was written.
 */
public class ResumableUploadConflictException extends RuntimeException {

	private final long offset;
	private final boolean busy;

	ResumableUploadConflictException(long offset, boolean busy) {
		super(busy ? "another request is appending to this upload" : "the upload stands at offset " + offset);
		this.offset = offset;
		this.busy = busy;
	}

	/** The durable offset, where the next append must begin. */
	public long offset() {
		return offset;
	}

	public boolean busy() {
		return busy;
	}
}
