package de.schulhaus.platform;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.internal.NotificationRepository;
import de.schulhaus.platform.internal.NotificationRepository.Recipient;

/**
 * Notifications for people, shown under the bell in the top bar with an unread count. Modules
 * {@linkplain #notify notify one person} or {@linkplain #notifyAll a whole group at once} (one batch
 * insert for hundreds of people), usually from a listener of their own event after the commit. A
 * person reads and marks only their own notifications: another person's id is not found, exactly
 * like a missing one. The operator belongs to no school and gets none.
 */
@Service
public class Notifications {

	private final NotificationRepository repository;
	private final ApplicationEventPublisher events;

	Notifications(NotificationRepository repository, ApplicationEventPublisher events) {
		this.repository = repository;
		this.events = events;
	}

	/**
	 * Tells one person of a school. Joins the caller's transaction (or runs in its own), in which
	 * {@link NotificationsCreated} is published for the listeners after the commit (Web Push).
	 *
	 * @param accountId a person of {@code schoolId}, as the accounts module's API returns them; a row
	 *                  for a person of another school is never shown to anybody
	 * @return the notification's id
	 */
	@Transactional
	public UUID notify(UUID schoolId, UUID accountId, Notification notification) {
		Recipient recipient = new Recipient(Ids.newId(), requireNonNull(accountId));
		repository.insert(requireSchool(schoolId), List.of(recipient), notification);
		published(schoolId, List.of(recipient), notification);
		return recipient.id();
	}

	/**
	 * Tells many people of a school the same thing (a class, a course, all staff): one row each,
	 * written in one batch, all or none. Each person is notified once however often they are listed.
	 *
	 * @return how many people were notified
	 */
	@Transactional
	public int notifyAll(UUID schoolId, Collection<UUID> accountIds, Notification notification) {
		requireSchool(schoolId);
		List<Recipient> recipients = new LinkedHashSet<>(accountIds).stream()
			.map(id -> new Recipient(Ids.newId(), requireNonNull(id)))
			.toList();
		repository.insert(schoolId, recipients, notification);
		published(schoolId, recipients, notification);
		return recipients.size();
	}

	/**
	 * Sends the notification to the people's devices only (Web Push), with no entry under the bell: for what has its
	 * own unread count elsewhere, such as a new chat message. Published in the caller's transaction, so it goes out
	 * after the commit and not at all after a rollback.
	 *
	 * @return how many people it was meant for (those without devices get nothing)
	 */
	@Transactional
	public int pushOnly(UUID schoolId, Collection<UUID> accountIds, Notification notification) {
		requireSchool(schoolId);
		List<NotificationsCreated.Recipient> recipients = new LinkedHashSet<>(accountIds).stream()
			.map(id -> new NotificationsCreated.Recipient(requireNonNull(id), null)).toList();
		if (!recipients.isEmpty()) {
			events.publishEvent(new NotificationsCreated(schoolId, recipients, notification));
		}
		return recipients.size();
	}

	private void published(UUID schoolId, List<Recipient> recipients, Notification notification) {
		if (!recipients.isEmpty()) {
			events.publishEvent(new NotificationsCreated(schoolId, recipients.stream()
				.map(r -> new NotificationsCreated.Recipient(r.accountId(), r.id())).toList(), notification));
		}
	}

	/** The person's unread notifications: one indexed count, cheap enough for every page. */
	public long unread(SchulhausUser person) {
		return person.schoolId() == null ? 0 : repository.countUnread(person.schoolId(), person.accountId());
	}

	/** The person's notifications, newest first. */
	public List<Entry> newestFirst(SchulhausUser person, int offset, int limit) {
		return person.schoolId() == null ? List.of() : repository.page(person.schoolId(), person.accountId(), offset, limit);
	}

	/** One of the person's notifications; empty for a missing id and for anybody else's. */
	public Optional<Entry> find(SchulhausUser person, UUID id) {
		return person.schoolId() == null ? Optional.empty() : repository.find(person.schoolId(), person.accountId(), id);
	}

	/** Marks one of the person's notifications read; {@link NotFoundException} for anybody else's. */
	public void markRead(SchulhausUser person, UUID id) {
		if (person.schoolId() == null || !repository.markRead(person.schoolId(), person.accountId(), id, Instant.now())) {
			throw new NotFoundException("notification");
		}
	}

	/** Opens a notification: marks it read and answers it, with the link to follow. */
	public Entry open(SchulhausUser person, UUID id) {
		markRead(person, id);
		return find(person, id).orElseThrow(() -> new NotFoundException("notification"));
	}

	/** @return how many were unread */
	public int markAllRead(SchulhausUser person) {
		return person.schoolId() == null ? 0 : repository.markAllRead(person.schoolId(), person.accountId(), Instant.now());
	}

	private static UUID requireSchool(UUID schoolId) {
		if (schoolId == null) {
			throw new IllegalArgumentException("notifications are for people of a school");
		}
		return schoolId;
	}

	private static UUID requireNonNull(UUID accountId) {
		if (accountId == null) {
			throw new IllegalArgumentException("no account id");
		}
		return accountId;
	}

	/**
	 * A notification as its person reads it.
	 *
	 * @param at when it happened
	 * @param read whether the person has opened it or marked it read
	 */
	public record Entry(UUID id, String kind, String titleKey, List<String> titleArgs, String link, Instant at, boolean read) {

		/** The title's arguments for {@code #messages.msgWithParams}. */
		public Object[] titleArguments() {
			return titleArgs.toArray();
		}
	}
}
