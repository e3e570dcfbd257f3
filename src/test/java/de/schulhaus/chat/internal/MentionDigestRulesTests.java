package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.schulhaus.chat.internal.MentionDigestRules.Decision;
import de.schulhaus.chat.internal.MentionDigestRules.Reader;

/** Which unread mention goes into the mail digest, which waits, and which is settled for good. */
class MentionDigestRulesTests {

	static final UUID PUPIL = UUID.randomUUID();
	static final UUID TEACHER = UUID.randomUUID();
	static final Reader AWAKE = new Reader(PUPIL, true, false, false);

	static MentionDigestRows.Open mention(long seq, long readSeq) {
		return new MentionDigestRows.Open(UUID.randomUUID(), UUID.randomUUID(), seq, TEACHER, "@Paul Pult", Instant.now(), false, readSeq);
	}

	@Test
	void anUnreadMentionInAReadableRoomIsMailed() {
		assertThat(MentionDigestRules.decide(mention(5, 4), AWAKE, true)).isEqualTo(Decision.MAIL);
		assertThat(MentionDigestRules.decide(mention(5, 0), AWAKE, true)).isEqualTo(Decision.MAIL);
	}

	@Test
	void aMentionReadInTimeIsSettledAsReadEvenInQuietHours() {
		assertThat(MentionDigestRules.decide(mention(5, 5), AWAKE, true)).isEqualTo(Decision.READ);
		assertThat(MentionDigestRules.decide(mention(5, 9), new Reader(PUPIL, true, false, true), true)).isEqualTo(Decision.READ);
		assertThat(Decision.READ.state()).isEqualTo("READ");
	}

	@Test
	void whatCanNeverBeMailedIsSkipped() {
		MentionDigestRows.Open deleted = new MentionDigestRows.Open(UUID.randomUUID(), UUID.randomUUID(), 5, TEACHER, "", Instant.now(), true, 0);
		assertThat(MentionDigestRules.decide(deleted, AWAKE, true)).isEqualTo(Decision.SKIP);
		assertThat(MentionDigestRules.decide(mention(5, 0), AWAKE, false)).as("room no longer readable").isEqualTo(Decision.SKIP);
		assertThat(MentionDigestRules.decide(mention(5, 0), new Reader(PUPIL, false, false, false), true)).as("account not active")
			.isEqualTo(Decision.SKIP);
		assertThat(MentionDigestRules.decide(mention(5, 0), new Reader(PUPIL, true, true, false), true)).as("switched off")
			.isEqualTo(Decision.SKIP);
		assertThat(MentionDigestRules.decide(mention(5, 0), new Reader(TEACHER, true, false, false), true)).as("mentions oneself")
			.isEqualTo(Decision.SKIP);
		assertThat(Decision.SKIP.state()).isEqualTo("SKIPPED");
	}

	@Test
	void aPupilsMentionWaitsInQuietHoursAndStaysOpen() {
		Reader asleep = new Reader(PUPIL, true, false, true);
		assertThat(MentionDigestRules.decide(mention(5, 0), asleep, true)).isEqualTo(Decision.WAIT);
		assertThat(Decision.WAIT.state()).isNull();
		// switched off wins over waiting: nothing would come later either
		assertThat(MentionDigestRules.decide(mention(5, 0), new Reader(PUPIL, true, true, true), true)).isEqualTo(Decision.SKIP);
	}
}
