package de.schulhaus.files.internal;

import java.util.List;

import de.schulhaus.dav.DavException;

/**
 * A name {@link FileNames} refuses: a 400 for WebDAV clients with the reason in English, and a
 * message key with arguments so that the web UI says the same reason in the reader's language.
 */
public class FileNameRefused extends DavException {

	private final String messageKey;
	private final transient List<Object> args;

	FileNameRefused(String reason, String messageKey, Object... args) {
		super(400, reason);
		this.messageKey = messageKey;
		this.args = List.of(args);
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] args() {
		return args.toArray();
	}
}
