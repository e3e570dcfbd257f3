package de.schulhaus.push.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.push.internal.PushSubscriptions;
import de.schulhaus.push.internal.VapidKeys;

/**
 * What the page's script ({@code push.js}) needs to subscribe this device: the server's VAPID key,
 * and the person's own subscriptions to add, list and remove. Another person's subscription is not
 * found, exactly like a missing one. The service worker renews a subscription the push service replaced.
 */
@RestController
@RequestMapping("/api/v1/push")
class PushController {

	private final VapidKeys vapid;
	private final PushSubscriptions subscriptions;

	PushController(VapidKeys vapid, PushSubscriptions subscriptions) {
		this.vapid = vapid;
		this.subscriptions = subscriptions;
	}

	/** The application server key for {@code pushManager.subscribe}. */
	@GetMapping("/key")
	Map<String, String> key() {
		return Map.of("publicKey", vapid.signer().publicKey());
	}

	@GetMapping("/subscriptions")
	List<SubscriptionView> list(@AuthenticationPrincipal SchulhausUser user) {
		return subscriptions.of(user).stream().map(SubscriptionView::of).toList();
	}

	/** The browser's {@code PushSubscription.toJSON()}: {@code {"endpoint": …, "keys": {"p256dh": …, "auth": …}}}. */
	@PostMapping(path = "/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	SubscriptionView subscribe(@AuthenticationPrincipal SchulhausUser user, @RequestBody NewSubscription body) {
		NewSubscription.Keys keys = body.keysOrNone();
		return SubscriptionView.of(subscriptions.subscribe(user, body.endpoint(), keys.p256dh(), keys.auth()));
	}

	/**
	 * The service worker's {@code pushsubscriptionchange}: the browser's old subscription (its endpoint and
	 * authentication secret prove which it is) and the new one, both as {@code PushSubscription.toJSON()}. No session
	 * is needed (a renewal comes whenever the push service rotates, signed in or not); see {@code PushWebConfiguration}.
	 */
	@PostMapping(path = "/renewal", consumes = MediaType.APPLICATION_JSON_VALUE)
	SubscriptionView renew(@RequestBody Renewal body) {
		NewSubscription old = body.oldSubscription() == null ? new NewSubscription(null, null) : body.oldSubscription();
		NewSubscription renewed = body.newSubscription() == null ? new NewSubscription(null, null) : body.newSubscription();
		return SubscriptionView.of(subscriptions.renew(old.endpoint(), old.keysOrNone().auth(), renewed.endpoint(),
				renewed.keysOrNone().p256dh(), renewed.keysOrNone().auth()));
	}

	/** This browser's subscription, by the endpoint it knows. */
	@DeleteMapping("/subscriptions")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unsubscribe(@AuthenticationPrincipal SchulhausUser user, @RequestParam String endpoint) {
		subscriptions.unsubscribe(user, endpoint);
	}

	@DeleteMapping("/subscriptions/{subscriptionId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal SchulhausUser user, @PathVariable String subscriptionId) {
		subscriptions.unsubscribe(user, Ids.parse(subscriptionId, "subscription"));
	}

	record NewSubscription(String endpoint, Keys keys) {

		Keys keysOrNone() {
			return keys == null ? new Keys(null, null) : keys;
		}

		record Keys(String p256dh, String auth) {
		}
	}

	record Renewal(NewSubscription oldSubscription, NewSubscription newSubscription) {
	}

	/** A subscription as its person sees it: the push service's host tells them which browser it is. */
	record SubscriptionView(UUID id, String endpoint, String service, Instant createdAt) {

		static SubscriptionView of(PushSubscriptions.Subscription s) {
			return new SubscriptionView(s.id(), s.endpoint(), java.net.URI.create(s.endpoint()).getHost(), s.createdAt());
		}
	}
}
