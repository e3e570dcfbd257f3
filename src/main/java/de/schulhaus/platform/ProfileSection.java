package de.schulhaus.platform;

/**
 * A section a module adds to the person's own page <em>Mein Konto</em> ({@code /konto}) for settings
 * that are the person's and not an app's (say: notifications on this device), rendered from the
 * module's own Thymeleaf fragment after the account's own sections.
 */
public interface ProfileSection {

	/** Thymeleaf fragment, e.g. {@code push/profile :: section}; it gets the page's model. */
	String fragment();

	int order();

	/** Whether the section is for this person at all (the operator, say, belongs to no school). */
	default boolean shownTo(SchulhausUser user) {
		return true;
	}
}
