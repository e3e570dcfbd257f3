package de.schulhaus.files.internal;

/**
 * Why a resumable upload into a space is refused, as an HTTP status, a problem type (the last part of
 * {@code urn:schulhaus:problem:…}) and a message key of the files bundle with its arguments.
 */
public class UploadProblem extends RuntimeException {

	private final int status;
	private final String type;
	private final String messageKey;
	private final transient Object[] args;

	public UploadProblem(int status, String type, String messageKey, Object... args) {
		super(type);
		this.status = status;
		this.type = type;
		this.messageKey = messageKey;
		this.args = args;
	}

	public int status() {
		return status;
	}

	public String type() {
		return type;
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] args() {
		return args.clone();
	}
}
