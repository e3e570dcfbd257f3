package de.schulhaus.schools;

import java.util.Map;
import java.util.UUID;

/**
 * Counts that other modules know about schools, shown in the operator console. Implemented by the
 * modules that own the counted things, so this module needs to know none of them.
 */
public interface SchoolFigures {

	/** Label message key of the figure, e.g. "schools.figure.accounts". */
	String labelKey();

	Map<UUID, Long> countsBySchool();
}
