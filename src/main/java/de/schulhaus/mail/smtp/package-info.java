/**
 * SMTP: the inbound listener (mail from outside, behind the MX), the submission listener for mail apps
 * (STARTTLS, AUTH) and the sender that hands mail for outside to the smarthost, with retries and bounces.
 * Both listeners go through {@code mail.internal.Submission}, as the webmail does.
 */
package de.schulhaus.mail.smtp;
