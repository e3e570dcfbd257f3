/**
 * What every module stands on: the signed-in person ({@link de.schulhaus.platform.SchulhausUser}) and
 * the school they belong to, the audit log, error handling, i18n, the layout with its app tiles and
 * the dashboard. Knows no feature module; modules plug in through {@link de.schulhaus.platform.AppTile}
 * and {@link de.schulhaus.platform.DashboardCard} beans.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package de.schulhaus.platform;
