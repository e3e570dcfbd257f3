package de.schulhaus.schools;

import java.util.UUID;

/** A school's default quotas changed: whoever remembers a limit derived from them reads it again. Published in the changing transaction. */
public record SchoolQuotasChanged(UUID schoolId) {
}
