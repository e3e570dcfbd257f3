package de.schulhaus.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.github.f4b6a3.uuid.UuidCreator;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.platform.Notification;

/** Notifications written more than half a year ago are deleted; newer ones stay. */
@IntegrationTest
class NotificationRetentionTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	NotificationRepository repository;

	@Autowired
	NotificationRetention retention;

	@Test
	void oldNotificationsGoNewOnesStay() throws Exception {
		var schools = new TestSchools(mvc);
		var school = schools.createSchool("Alt-Schule");
		var pupil = schools.createUser(school, "Alma", "Alt", "PUPIL", null, "5a");
		Instant now = Instant.now();
		UUID old = UuidCreator.getTimeOrderedEpoch(now.minus(Duration.ofDays(200)));
		UUID recent = UuidCreator.getTimeOrderedEpoch(now.minus(Duration.ofDays(100)));
		Notification n = Notification.of("sample.greeting", "sample.notification.greeting", "/", "X");
		repository.insert(school.id(), List.of(new NotificationRepository.Recipient(old, pupil.id()),
				new NotificationRepository.Recipient(recent, pupil.id())), n);

		retention.deleteWrittenBefore(now.minus(NotificationRetention.KEPT));

		assertThat(repository.find(school.id(), pupil.id(), old)).isEmpty();
		assertThat(repository.find(school.id(), pupil.id(), recent)).isPresent();
	}
}
