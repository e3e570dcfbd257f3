package de.schulhaus.push;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import de.schulhaus.accounts.Account;
import de.schulhaus.platform.Notification;

/**
 * A module's say on whether a notification goes to people's devices as well as under the bell (quiet
 * hours for pupils, a muted room): every bean is asked, and a person any of them holds back gets no push.
 * The notification stays under the bell either way. Asked after the commit, once per notification for all
 * of its recipients with devices at once, so that a notification to a big room costs one look-up, not one
 * per person.
 */
public interface PushFilter {

	/**
	 * @param people the notified people who have devices to push to (active accounts of the school)
	 * @param notification its {@link Notification#kind() kind} says which module and event it is
	 * @return the ids of those of {@code people} whose devices get nothing for it (empty: all get it)
	 */
	Set<UUID> heldBack(UUID schoolId, Collection<Account> people, Notification notification);
}
