package de.schulhaus.platform;

/**
 * A number beside an app's tile (sidebar, the phone's tab bar, dashboard): unread mails, new chat
 * messages. A module declares one as a bean for its own tile; several for one tile are added up.
 * It is asked on every page view that shows the tile, so it should be one indexed count query,
 * and never for a person whose tile is hidden or switched off.
 */
public interface BadgeProvider {

	/** The {@link AppTile#key()} of the tile the number belongs to. */
	String appKey();

	/** For this person; 0 shows nothing. */
	long count(SchulhausUser person);
}
