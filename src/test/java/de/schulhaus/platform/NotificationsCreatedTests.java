package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * The event publication registry stores {@link NotificationsCreated} as JSON and reads it back when it
 * resubmits it after a restart: what comes back is what was published.
 */
class NotificationsCreatedTests {

	@Test
	void theEventSurvivesTheRegistrysJson() {
		JsonMapper json = JsonMapper.builder().build();
		NotificationsCreated event = new NotificationsCreated(UUID.randomUUID(),
				List.of(new NotificationsCreated.Recipient(UUID.randomUUID(), UUID.randomUUID())),
				new Notification("calendar.invitation", "calendar.notification.invited", List.of("Elternabend", "3.12."),
						"/kalender/termin?x=1", Instant.parse("2026-12-09T10:00:00.123Z")));

		assertThat(json.readValue(json.writeValueAsString(event), NotificationsCreated.class)).isEqualTo(event);
	}
}
