/**
 * What every module stands on: the signed-in person ({@link de.schulhaus.platform.SchulhausUser}) and
 * the school they belong to, the audit log, error handling, i18n, the layout and the dashboard, and
 * notifications ({@link de.schulhaus.platform.Notifications}). Knows no feature module; modules plug in
 * through beans: {@link de.schulhaus.platform.AppTile}, {@link de.schulhaus.platform.BadgeProvider},
 * {@link de.schulhaus.platform.DashboardCard}, {@link de.schulhaus.platform.SearchProvider} and
 * {@link de.schulhaus.platform.IsolatedRoute}; their message bundles are found by name.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package de.schulhaus.platform;
