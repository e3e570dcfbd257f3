package de.schulhaus.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Something the caller asked for does not exist for them. Thrown for missing ids and for ids of
 * another school alike, so that a foreign id answers 404 exactly like a missing one.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what) {
		super(what + " not found");
	}
}
