package de.schulhaus.accounts;

/** What a roster group stands for in the school; the platform treats classes and courses differently. */
public enum GroupKind {

	CLASS, YEAR, COURSE, STAFF, CUSTOM

}
