/**
 * The demo school: with {@code --demo} or {@code SCHULHAUS_DEMO=true} an empty platform gets one
 * school with a realistic roster, so people can try Schulhaus right away.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "schools", "accounts" })
package de.schulhaus.demo;
