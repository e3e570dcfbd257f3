package de.schulhaus.mail.rules;

import java.time.LocalDate;

/**
 * A person's absence note: answered between {@code startsOn} and {@code endsOn} (both included, either
 * open) while it is switched on. Serializable: a refused form keeps it in the session for one redirect.
 */
public record Absence(boolean enabled, String subject, String body, LocalDate startsOn, LocalDate endsOn) implements java.io.Serializable {

	public boolean activeOn(LocalDate day) {
		return enabled && (startsOn == null || !day.isBefore(startsOn)) && (endsOn == null || !day.isAfter(endsOn));
	}
}
