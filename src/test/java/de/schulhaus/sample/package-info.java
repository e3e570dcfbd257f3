/**
 * A module as a feature module plugs in, for the tests only: an app tile, a badge, a dashboard
 * card, search results, a route that is no controller (for the tenant-isolation test) and its own
 * message bundle, all declared as beans or found by convention, with no line in the platform.
 * Active where the property {@code schulhaus.test.sample-module} is set (the integration tests).
 */
package de.schulhaus.sample;
