/**
 * People and their groups: accounts with roles, classes, courses and staff groups, sign-in with
 * two factors, app passwords and access tokens for clients, and the roster import from SchILD-NRW
 * and table files.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "schools", "blobs" })
package de.schulhaus.accounts;
