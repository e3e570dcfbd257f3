package de.schulhaus.platform;

import java.util.Set;

/**
 * An app in the sidebar and on the dashboard. Modules contribute them as beans, so a tile shows
 * only when its module is present.
 *
 * @param key stable name, also used for the active-state in the sidebar
 * @param labelKey message key of the label
 * @param icon name of the Lucide icon in the sprite
 * @param href where the app starts
 * @param order position in the sidebar
 * @param roles who sees the tile; empty means everybody signed in
 */
public record AppTile(String key, String labelKey, String icon, String href, int order, Set<Role> roles) {

	public boolean visibleTo(SchulhausUser user) {
		return roles.isEmpty() || roles.contains(user.role());
	}
}
