package de.schulhaus.platform;

import java.util.List;
import java.util.UUID;

/**
 * People of a school were notified ({@link Notifications#notify}, {@link Notifications#notifyAll}):
 * published in the notifying transaction, so that listeners after the commit (Web Push) reach every
 * notification that was stored and none that was rolled back.
 *
 * @param recipients each person with the id of their notification row
 * @param notification what they were told
 */
public record NotificationsCreated(UUID schoolId, List<Recipient> recipients, Notification notification) {

	public NotificationsCreated {
		recipients = List.copyOf(recipients);
	}

	/**
	 * One notified person and the id of their notification (for {@code /benachrichtigungen/<id>}); null for a push
	 * without an entry under the bell ({@link Notifications#pushOnly}).
	 */
	public record Recipient(UUID accountId, UUID notificationId) {
	}
}
