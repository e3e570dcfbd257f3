package de.schulhaus.files.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import de.schulhaus.dav.DavException;

/**
 * A change refused because a WebDAV client (Windows Explorer, davfs2, an office program) holds a lock on
 * the file or a folder above it: 423 over every way in, with the time the lock ends at the latest.
 */
public class FileLocked extends DavException {

	private static final ZoneId SCHOOL_TIME = ZoneId.of("Europe/Berlin");
	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

	private final Instant until;

	FileLocked(Instant until) {
		super(423, "The file is locked by another program until " + until + ".", "lock-token-submitted");
		this.until = until;
	}

	public Instant until() {
		return until;
	}

	/** When the lock ends, as a clock at the school shows it ("14:35"). */
	public String untilClock() {
		return CLOCK.format(until.atZone(SCHOOL_TIME));
	}
}
