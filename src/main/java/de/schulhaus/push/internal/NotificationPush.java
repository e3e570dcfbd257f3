package de.schulhaus.push.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.platform.Notification;
import de.schulhaus.platform.NotificationsCreated;
import de.schulhaus.push.PushFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes every notification to the devices its people subscribed, after the notifying transaction
 * committed (the event publication registry keeps the event until this has run, so a node that dies
 * meanwhile loses none). The title is resolved in each person's language as the bell would show it;
 * deactivated people and those a {@link PushFilter} holds back get nothing. Runs outside a transaction:
 * no database connection waits for the push services.
 */
@Component
class NotificationPush {

	/** Characters of a title: a push shows a line or two, and the message must fit one record. */
	static final int MAX_TITLE = 1000;

	private final PushSubscriptions subscriptions;
	private final PushSender sender;
	private final AccountManagement accounts;
	private final MessageSource messages;
	private final List<PushFilter> filters;
	private final JsonMapper json;

	NotificationPush(PushSubscriptions subscriptions, PushSender sender, AccountManagement accounts, MessageSource messages,
			List<PushFilter> filters, JsonMapper json) {
		this.subscriptions = subscriptions;
		this.sender = sender;
		this.accounts = accounts;
		this.messages = messages;
		this.filters = filters;
		this.json = json;
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(NotificationsCreated event) {
		Map<UUID, UUID> notificationOf = new LinkedHashMap<>();
		event.recipients().forEach(r -> notificationOf.put(r.accountId(), r.notificationId()));
		List<PushSubscriptions.Subscription> devices = subscriptions.ofPeople(event.schoolId(), notificationOf.keySet());
		if (devices.isEmpty()) {
			return;
		}
		Map<UUID, Account> people = accounts.findAll(event.schoolId(), devices.stream().map(PushSubscriptions.Subscription::accountId).toList())
			.stream().collect(Collectors.toMap(Account::id, Function.identity()));
		Notification notification = event.notification();
		List<Account> reachable = people.values().stream().filter(Account::active).toList();
		Set<UUID> heldBack = new HashSet<>();
		for (PushFilter filter : filters) {
			heldBack.addAll(filter.heldBack(event.schoolId(), reachable, notification));
		}
		List<PushSender.Message> messages = new ArrayList<>();
		for (PushSubscriptions.Subscription device : devices) {
			Account person = people.get(device.accountId());
			if (person == null || !person.active() || heldBack.contains(person.id())) {
				continue;
			}
			byte[] payload = payload(notification, notificationOf.get(person.id()), locale(person));
			messages.add(new PushSender.Message(device,
					PushEncryption.encrypt(payload, P256.publicKey(P256.fromBase64Url(device.p256dh())), P256.fromBase64Url(device.auth()))));
		}
		sender.sendAll(messages);
	}

	/** What the service worker shows: {@code {"title": …, "link": …, "id": …}}, UTF-8 JSON. */
	byte[] payload(Notification notification, UUID id, Locale locale) {
		String title = messages.getMessage(notification.titleKey(), notification.titleArgs().toArray(), notification.titleKey(), locale);
		if (title.length() > MAX_TITLE) {
			title = title.substring(0, MAX_TITLE - 1) + "…";
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", title);
		body.put("link", notification.link());
		body.put("id", id == null ? null : id.toString());
		if (id == null) {
			// a push with no bell entry (a chat message): the next one for the same place replaces it on the device
			body.put("tag", notification.link());
		}
		return json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
	}

	private static Locale locale(Account person) {
		return "en".equals(person.language()) ? Locale.ENGLISH : Locale.GERMAN;
	}
}
