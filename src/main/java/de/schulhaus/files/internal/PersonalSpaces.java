package de.schulhaus.files.internal;

import org.springframework.stereotype.Service;

import de.schulhaus.platform.SchulhausUser;

/** Opens a person's own space ("Meine Dateien") as a WebDAV tree. */
@Service
public class PersonalSpaces {

	private final Spaces spaces;

	PersonalSpaces(Spaces spaces) {
		this.spaces = spaces;
	}

	/** The person's own files; only for a person of a school (the operator has no space). */
	public SpaceFiles of(SchulhausUser person) {
		return spaces.open(spaces.personal(person));
	}
}
