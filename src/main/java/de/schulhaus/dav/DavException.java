package de.schulhaus.dav;

import javax.xml.namespace.QName;

/**
 * A request the engine or a repository refuses: the HTTP status, a reason for the person reading the
 * answer, and optionally the precondition element that failed ({@code DAV:propfind-finite-depth},
 * {@code CALDAV:valid-calendar-data}, ...), maybe with an href inside ({@code CALDAV:no-uid-conflict}).
 */
public class DavException extends RuntimeException {

	private final int status;
	private final QName precondition;
	private final String href;

	public DavException(int status, String reason) {
		this(status, reason, (QName) null, null);
	}

	/** With a precondition in the {@code DAV:} namespace. */
	public DavException(int status, String reason, String precondition) {
		this(status, reason, precondition == null ? null : new QName(DavXmlOut.DAV, precondition), null);
	}

	public DavException(int status, String reason, QName precondition, String href) {
		super(reason);
		this.status = status;
		this.precondition = precondition;
		this.href = href;
	}

	public int status() {
		return status;
	}

	/** The precondition that failed, or null. */
	public QName precondition() {
		return precondition;
	}

	/** An href the precondition element names (the resource in the way), or null. */
	public String href() {
		return href;
	}
}
