package de.schulhaus.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A service the request needs (the blob store, say) cannot be reached just now: the caller gets a
 * 503 (a problem for the API, a page for the browser) and may try again later. Nothing was written.
 */
@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
public class ServiceUnavailableException extends RuntimeException {

	private final String service;

	public ServiceUnavailableException(String service, String message, Throwable cause) {
		super(message, cause);
		this.service = service;
	}

	/** Which service is down, e.g. {@code blobs}; for the problem's {@code service} property and the logs. */
	public String service() {
		return service;
	}
}
