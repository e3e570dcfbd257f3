package de.schulhaus.platform;

import java.util.UUID;

import com.github.f4b6a3.uuid.UuidCreator;

/** Record ids: time-ordered UUIDs (v7), so they index well and leak no counts. */
public final class Ids {

	private Ids() {
	}

	public static UUID newId() {
		return UuidCreator.getTimeOrderedEpoch();
	}

	/** Parses an id from a URL or form; anything that is not a UUID is treated as not found. */
	public static UUID parse(String value, String what) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException | NullPointerException e) {
			throw new NotFoundException(what);
		}
	}
}
