package de.schulhaus.schools;

import java.util.UUID;

/** A school's status changed, e.g. it was suspended: modules may close what it had open. */
public record SchoolStatusChanged(UUID schoolId, SchoolStatus before, SchoolStatus after) {
}
