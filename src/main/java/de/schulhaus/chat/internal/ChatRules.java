package de.schulhaus.chat.internal;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A school's rules for the messenger, set by its admins.
 *
 * @param pupilsDirect whether pupils may start direct and group chats with other pupils (with teachers and staff always)
 * @param quietFrom start of the quiet hours in which pupils get no Web Push for chat (null: none)
 * @param quietTo their end (may be the next morning: 20:00 to 07:00)
 * @param retentionDays messages older than this are deleted by a daily sweep; 0 keeps them
 */
public record ChatRules(boolean pupilsDirect, LocalTime quietFrom, LocalTime quietTo, int retentionDays) {

	public static final ChatRules DEFAULTS = new ChatRules(false, null, null, 0);
	/** The school's time, in which quiet hours are meant. */
	public static final ZoneId SCHOOL_TIME = ZoneId.of("Europe/Berlin");
	public static final int MAX_RETENTION_DAYS = 3650;

	public boolean hasQuietHours() {
		return quietFrom != null && quietTo != null && !quietFrom.equals(quietTo);
	}

	/** Whether this moment falls into the quiet hours, in the school's time. */
	public boolean quietAt(ZonedDateTime at) {
		if (!hasQuietHours()) {
			return false;
		}
		LocalTime time = at.withZoneSameInstant(SCHOOL_TIME).toLocalTime();
		if (quietFrom.isBefore(quietTo)) {
			return !time.isBefore(quietFrom) && time.isBefore(quietTo);
		}
		// over midnight
		return !time.isBefore(quietFrom) || time.isBefore(quietTo);
	}
}
