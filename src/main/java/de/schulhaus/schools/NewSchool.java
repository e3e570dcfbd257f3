package de.schulhaus.schools;

/** What the operator gives to create a school; the mail domain may be left out. */
public record NewSchool(String name, String schoolNumber, SchoolType type, String mailDomain) {
}
