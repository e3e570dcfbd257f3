/**
 * Web Push (RFC 8030) of the platform's notifications to the browsers and installed apps (PWA) on
 * which a person switched it on: VAPID (RFC 8292) identifies the server, every message is encrypted for
 * the one browser (RFC 8291). Hears {@link de.schulhaus.platform.NotificationsCreated} after the commit;
 * modules hold pushes back through {@link de.schulhaus.push.PushFilter} beans.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "schools", "accounts" })
package de.schulhaus.push;
