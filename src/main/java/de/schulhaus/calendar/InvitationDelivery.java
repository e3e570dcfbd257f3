package de.schulhaus.calendar;

import java.util.Map;

/**
 * Takes invitations and cancellations to attendees. People and groups of the school are served in the
 * calendar module itself (a copy in each invitee's personal calendar); a mail module adds a bean that
 * sends the rest as iMIP. Deliveries run in the organiser's transaction, so a delivery that goes outside
 * queues its messages there and sends them after the commit.
 */
public interface InvitationDelivery {

	/**
	 * Delivers the message to those of its recipients this delivery serves.
	 *
	 * @return the RFC 5546 request status of each recipient served ({@code 1.2} delivered, {@code 1.1} sent,
	 *         {@code 3.7} no such person), by address as the message names it; recipients it does not serve are left out
	 */
	Map<String, String> deliver(SchedulingMessage message);
}
