package de.schulhaus.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import de.schulhaus.platform.Role;

/** The school's rules: quiet hours in the school's time, also over midnight; who may start chats with whom. */
class ChatRulesTests {

	@Test
	void quietHoursOverMidnightAndWithinADay() {
		ChatRules night = new ChatRules(false, LocalTime.of(20, 0), LocalTime.of(7, 0), 0);
		assertThat(night.quietAt(berlin(20, 0))).isTrue();
		assertThat(night.quietAt(berlin(23, 59))).isTrue();
		assertThat(night.quietAt(berlin(6, 59))).isTrue();
		assertThat(night.quietAt(berlin(7, 0))).isFalse();
		assertThat(night.quietAt(berlin(19, 59))).isFalse();
		ChatRules lunch = new ChatRules(false, LocalTime.of(12, 0), LocalTime.of(13, 0), 0);
		assertThat(lunch.quietAt(berlin(12, 30))).isTrue();
		assertThat(lunch.quietAt(berlin(13, 0))).isFalse();
		assertThat(ChatRules.DEFAULTS.quietAt(berlin(23, 0))).isFalse();
		// 19:30 UTC is 20:30 in Berlin in winter
		assertThat(night.quietAt(ZonedDateTime.of(2026, 12, 1, 19, 30, 0, 0, ZoneId.of("UTC")))).isTrue();
	}

	@Test
	void staffWriteToEveryoneAndPupilsToPupilsOnlyIfTheSchoolAllows() {
		ChatRules closed = ChatRules.DEFAULTS;
		ChatRules open = new ChatRules(true, null, null, 0);
		assertThat(PrivateChats.allowed(Role.TEACHER, Role.PUPIL, closed)).isTrue();
		assertThat(PrivateChats.allowed(Role.PUPIL, Role.TEACHER, closed)).isTrue();
		assertThat(PrivateChats.allowed(Role.PUPIL, Role.STAFF, closed)).isTrue();
		assertThat(PrivateChats.allowed(Role.PUPIL, Role.PUPIL, closed)).isFalse();
		assertThat(PrivateChats.allowed(Role.EXTERN, Role.PUPIL, closed)).isFalse();
		assertThat(PrivateChats.allowed(Role.PUPIL, Role.PUPIL, open)).isTrue();
	}

	private static ZonedDateTime berlin(int hour, int minute) {
		return ZonedDateTime.of(2026, 12, 1, hour, minute, 0, 0, ZoneId.of("Europe/Berlin"));
	}
}
