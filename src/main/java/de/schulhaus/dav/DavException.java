package de.schulhaus.dav;

/**
 * A request the engine or a repository refuses: the HTTP status, a reason for the person reading the
 * answer, and optionally the DAV: precondition element ({@code propfind-finite-depth}, ...).
 */
public class DavException extends RuntimeException {

	private final int status;
	private final String precondition;

	public DavException(int status, String reason) {
		this(status, reason, null);
	}

	public DavException(int status, String reason, String precondition) {
		super(reason);
		this.status = status;
		this.precondition = precondition;
	}

	public int status() {
		return status;
	}

	/** The local name of the DAV: precondition that failed, or null. */
	public String precondition() {
		return precondition;
	}
}
