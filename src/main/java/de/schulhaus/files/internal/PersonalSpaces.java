package de.schulhaus.files.internal;

import org.springframework.stereotype.Service;

import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.platform.SchulhausUser;

/** Opens a person's own space ("Meine Dateien") as a WebDAV tree. */
@Service
public class PersonalSpaces {

	private final FileNodes nodes;
	private final FileProperties properties;
	private final FileWrites writes;
	private final StorageQuotas quotas;

	PersonalSpaces(FileNodes nodes, FileProperties properties, FileWrites writes, StorageQuotas quotas) {
		this.nodes = nodes;
		this.properties = properties;
		this.writes = writes;
		this.quotas = quotas;
	}

	/** The person's own files; only for a person of a school (the operator has no space). */
	public PersonalFiles of(SchulhausUser person) {
		return new PersonalFiles(person.schoolId(), person.accountId(), nodes, properties, writes, quotas);
	}
}
