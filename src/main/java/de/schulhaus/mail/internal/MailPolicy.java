package de.schulhaus.mail.internal;

import de.schulhaus.platform.Role;

/** What a school allows people of one role. */
public record MailPolicy(Role role, boolean outsideAllowed, int maxMessageMb, boolean forwardingAllowed) {

	public static final int DEFAULT_MAX_MB = 25;

	/** Pupils (and people from outside the school) mail only inside the school until the school decides otherwise. */
	public static MailPolicy defaultFor(Role role) {
		boolean young = role == Role.PUPIL || role == Role.EXTERN;
		return new MailPolicy(role, !young, DEFAULT_MAX_MB, false);
	}

	public long maxMessageBytes() {
		return maxMessageMb * 1024L * 1024L;
	}
}
