package de.schulhaus.mail.rules;

/** Everything that arrives goes on to {@code address}; with {@code keepCopy} it stays in the inbox too. */
public record Forwarding(String address, boolean keepCopy) {
}
