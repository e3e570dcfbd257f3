package de.schulhaus.platform;

import java.util.Set;

/**
 * An app in the sidebar and on the dashboard. Modules contribute them as beans, so a tile shows
 * only when its module is present. A school admin can switch a feature app off per role
 * ({@link Apps}): its tile goes and its paths under {@link #href()} answer 403 to that role. Tools
 * of the school admin and the operator are not switchable, so nobody locks themselves out.
 *
 * @param key stable name, also used for the active-state in the sidebar, for badges and switches
 * @param labelKey message key of the label
 * @param icon name of the Lucide icon in the sprite
 * @param href where the app starts; for a switchable app also the prefix of all its paths
 * @param order position in the sidebar
 * @param roles who sees the tile; empty means everybody signed in
 * @param switchable whether a school may switch it off per role
 */
public record AppTile(String key, String labelKey, String icon, String href, int order, Set<Role> roles, boolean switchable) {

	public AppTile {
		roles = Set.copyOf(roles);
		if (switchable && (href == null || !href.startsWith("/") || href.length() < 2 || href.contains("?"))) {
			throw new IllegalArgumentException("a switchable app needs a path of its own: " + href);
		}
	}

	/** A feature app (files, calendar, mail, messenger): the school decides per role who uses it. */
	public static AppTile app(String key, String labelKey, String icon, String href, int order, Set<Role> roles) {
		return new AppTile(key, labelKey, icon, href, order, roles, true);
	}

	/** A tool of the school admin or the operator: never switched off. */
	public static AppTile tool(String key, String labelKey, String icon, String href, int order, Set<Role> roles) {
		return new AppTile(key, labelKey, icon, href, order, roles, false);
	}

	public boolean visibleTo(SchulhausUser user) {
		return roles.isEmpty() || roles.contains(user.role());
	}

	/** Whether the path (relative to the context path) is this app's: its start or below it. */
	public boolean covers(String path) {
		return path.equals(href) || path.startsWith(href.endsWith("/") ? href : href + "/");
	}
}
