package de.schulhaus.chat.internal;

import java.util.UUID;

/**
 * What the mail digest does with one open mention past its delay. A mention that can never be mailed (read, deleted,
 * unreadable room, digest switched off) is settled at once, so it is not looked at again; one held back by the quiet
 * hours stays open.
 */
public final class MentionDigestRules {

	/** The decision; {@link #state()} is what {@code chat_mention.digest_state} keeps (null: stays open). */
	public enum Decision {
		MAIL("MAILED"), WAIT(null), READ("READ"), SKIP("SKIPPED");

		private final String state;

		Decision(String state) {
			this.state = state;
		}

		public String state() {
			return state;
		}
	}

	/** The person the mention is for, as the digest sees them now. */
	public record Reader(UUID accountId, boolean mayGetMail, boolean switchedOff, boolean quietNow) {
	}

	private MentionDigestRules() {
	}

	/**
	 * @param roomReadable whether the person may read the mention's room now
	 */
	public static Decision decide(MentionDigestRows.Open mention, Reader reader, boolean roomReadable) {
		if (mention.seq() <= mention.readSeq()) {
			return Decision.READ;
		}
		if (mention.deleted() || mention.authorId().equals(reader.accountId()) || !roomReadable || !reader.mayGetMail()
				|| reader.switchedOff()) {
			return Decision.SKIP;
		}
		return reader.quietNow() ? Decision.WAIT : Decision.MAIL;
	}
}
