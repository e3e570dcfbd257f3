package de.schulhaus.platform.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import de.schulhaus.platform.BadgeProvider;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.SchulhausUser;

/**
 * The numbers the layout shows for the signed-in person, asked for only when a template renders
 * them and at most once per page: fragments and redirects cost no query. Templates ask only for
 * the person's visible apps, so a hidden or switched-off app's provider is never called.
 */
public final class LayoutCounts {

	private final SchulhausUser me;
	private final Notifications notifications;
	private final Map<String, List<BadgeProvider>> providers;
	private final Map<String, Long> badges = new HashMap<>();
	private Long unread;

	LayoutCounts(SchulhausUser me, Notifications notifications, Map<String, List<BadgeProvider>> providers) {
		this.me = me;
		this.notifications = notifications;
		this.providers = providers;
	}

	/** Unread notifications: the bell's number. */
	public long unread() {
		if (unread == null) {
			unread = notifications.unread(me);
		}
		return unread;
	}

	/** The number beside an app's tile: what its module's providers count for the person, added up. */
	public long badge(String appKey) {
		return badges.computeIfAbsent(appKey,
				key -> providers.getOrDefault(key, List.of()).stream().mapToLong(p -> Math.max(0, p.count(me))).sum());
	}
}
