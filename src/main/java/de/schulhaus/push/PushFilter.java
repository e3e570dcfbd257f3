package de.schulhaus.push;

import java.util.UUID;

import de.schulhaus.platform.Notification;

/**
 * A module's say on whether a notification goes to a person's devices as well as under the bell
 * (quiet hours for pupils, a muted room): every bean is asked, and one {@code false} keeps the push
 * back. The notification stays under the bell either way. Asked after the commit, once per person and
 * notification, so it should answer from memory or one indexed query.
 */
public interface PushFilter {

	/**
	 * @param notification its {@link Notification#kind() kind} says which module and event it is
	 * @return whether to push it to this person's devices
	 */
	boolean allows(UUID schoolId, UUID accountId, Notification notification);
}
