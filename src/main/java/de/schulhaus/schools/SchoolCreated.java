package de.schulhaus.schools;

import java.util.UUID;

/** A school was created; modules may set up what a school needs. */
public record SchoolCreated(UUID schoolId, String schoolNumber) {
}
