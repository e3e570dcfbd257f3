package de.schulhaus.mail.imap;

import java.util.Map;

/** A search as an SQL condition on {@code mail_message} with its named parameters. */
record SearchCondition(String sql, Map<String, Object> parameters) {
}
