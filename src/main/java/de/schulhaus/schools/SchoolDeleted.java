package de.schulhaus.schools;

import java.util.UUID;

/** A school was deleted for good: every module removes what belonged to it (its people, groups, files, mail). */
public record SchoolDeleted(UUID schoolId, String schoolNumber) {
}
