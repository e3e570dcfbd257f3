package de.schulhaus.accounts.internal;

import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountsChanged;
import de.schulhaus.accounts.GroupsChanged;
import de.schulhaus.accounts.MembershipsChanged;

/**
 * Publishes what changed in a school's roster, in batches of at most {@value #BATCH} changes, inside
 * the caller's transaction: the event publication registry stores one row per batch and listener
 * in that transaction, so every committed change is delivered, even if the node dies right after.
 */
@Component
public class RosterEvents {

	public static final int BATCH = 1000;

	private final ApplicationEventPublisher events;

	RosterEvents(ApplicationEventPublisher events) {
		this.events = events;
	}

	public void accounts(UUID schoolId, AccountsChanged.Kind kind, List<Account> accounts) {
		publish(schoolId, accounts.stream().map(a -> new AccountsChanged.Change(kind, a.id(), a.login(), a.firstName(), a.lastName(),
				a.role(), a.status())).toList(), AccountsChanged::new);
	}

	public void accountChanges(UUID schoolId, List<AccountsChanged.Change> changes) {
		publish(schoolId, changes, AccountsChanged::new);
	}

	public void groups(UUID schoolId, List<GroupsChanged.Change> changes) {
		publish(schoolId, changes, GroupsChanged::new);
	}

	public void memberships(UUID schoolId, List<MembershipsChanged.Change> changes) {
		publish(schoolId, changes, MembershipsChanged::new);
	}

	private <C> void publish(UUID schoolId, List<C> changes, BiFunction<UUID, List<C>, Object> event) {
		for (int from = 0; from < changes.size(); from += BATCH) {
			events.publishEvent(event.apply(schoolId, List.copyOf(changes.subList(from, Math.min(changes.size(), from + BATCH)))));
		}
	}
}
