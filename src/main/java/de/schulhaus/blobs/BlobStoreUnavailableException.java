package de.schulhaus.blobs;

import de.schulhaus.platform.ServiceUnavailableException;

/**
 * The blob store cannot be reached (an S3 store that is down, a bucket that is missing or refuses
 * our keys). Answered with 503; a transaction it interrupts rolls back, so no row without content.
 */
public class BlobStoreUnavailableException extends ServiceUnavailableException {

	public BlobStoreUnavailableException(String message, Throwable cause) {
		super("blobs", message, cause);
	}
}
