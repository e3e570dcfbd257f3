package de.schulhaus.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import de.schulhaus.platform.Ids;
import de.schulhaus.platform.Notification;

/** A group's notification is written as one JDBC batch, not a statement per member. */
class NotificationRepositoryTests {

	private final NamedParameterJdbcOperations jdbc = mock(NamedParameterJdbcOperations.class);
	private final NotificationRepository repository = new NotificationRepository(null, jdbc);

	@Test
	void hundredsOfPeopleAreOneBatch() {
		repository.insert(UUID.randomUUID(), recipients(600), Notification.of("chat.message", "chat.new", "/chat"));

		ArgumentCaptor<SqlParameterSource[]> rows = ArgumentCaptor.forClass(SqlParameterSource[].class);
		verify(jdbc, times(1)).batchUpdate(anyString(), rows.capture());
		verifyNoMoreInteractions(jdbc);
		assertThat(rows.getValue()).hasSize(600);
	}

	@Test
	void aWholeSchoolIsAFewBatches() {
		repository.insert(UUID.randomUUID(), recipients(2500), Notification.of("news.posted", "news.new", "/"));

		verify(jdbc, times(3)).batchUpdate(anyString(), org.mockito.ArgumentMatchers.any(SqlParameterSource[].class));
		verifyNoMoreInteractions(jdbc);
	}

	private static List<NotificationRepository.Recipient> recipients(int count) {
		return IntStream.range(0, count).mapToObj(i -> new NotificationRepository.Recipient(Ids.newId(), Ids.newId())).toList();
	}
}
