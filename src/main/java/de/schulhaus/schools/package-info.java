/**
 * Schools, the tenants of the platform: name, NRW school number, school type, mail domain, storage
 * quotas and rollout status. The operator creates them one by one or in bulk.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "platform")
package de.schulhaus.schools;
