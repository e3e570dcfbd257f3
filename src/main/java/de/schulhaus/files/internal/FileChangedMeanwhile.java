package de.schulhaus.files.internal;

import de.schulhaus.dav.DavException;

/**
 * A change refused because another one came first: what the request saw was moved, renamed or deleted
 * meanwhile, or a concurrent move made the destination a place it cannot go. 409; nothing changed.
 */
public class FileChangedMeanwhile extends DavException {

	FileChangedMeanwhile(String reason) {
		super(409, reason);
	}
}
