package de.schulhaus.platform.web;

import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.SchulhausUser;

/**
 * The counts the layout shows for the signed-in person, asked for only when a template renders
 * them and at most once per page: fragments and redirects cost no query.
 */
public final class LayoutCounts {

	private final SchulhausUser me;
	private final Notifications notifications;
	private Long unread;

	LayoutCounts(SchulhausUser me, Notifications notifications) {
		this.me = me;
		this.notifications = notifications;
	}

	/** Unread notifications: the bell's number. */
	public long unread() {
		if (unread == null) {
			unread = notifications.unread(me);
		}
		return unread;
	}
}
