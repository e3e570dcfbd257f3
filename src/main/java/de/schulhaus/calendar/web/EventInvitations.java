package de.schulhaus.calendar.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Membership;
import de.schulhaus.calendar.SchedulingMessage.Recipient;
import de.schulhaus.calendar.internal.InvitationViews;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * The dialog's "Teilnehmende": whom a person may find and invite (everyone of the school; pupils the
 * people and groups they share a group with), the form's values turned into attendees, and back into
 * names for the form. Ids of another school or of nobody are left out like unknown ones.
 */
@Component
class EventInvitations {

	static final String PERSON = "person:";
	static final String GROUP = "gruppe:";
	private static final int RESULTS = 10;

	private final AccountManagement accounts;
	private final GroupManagement groups;

	EventInvitations(AccountManagement accounts, GroupManagement groups) {
		this.accounts = accounts;
		this.groups = groups;
	}

	/** A ticked attendee as the form shows it. */
	record Chosen(String value, String name, boolean group, String answer) {
	}

	/** A search result: tick it to invite. */
	record Found(String value, String name, boolean group) {
	}

	List<Found> search(SchulhausUser user, String query) {
		String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
		if (q.length() < 2 || user.schoolId() == null) {
			return List.of();
		}
		List<Found> found = new ArrayList<>();
		for (Group group : reachableGroups(user)) {
			if (group.name().toLowerCase(Locale.ROOT).contains(q) && found.size() < RESULTS / 2) {
				found.add(new Found(GROUP + group.id(), group.name(), true));
			}
		}
		if (restricted(user)) {
			Map<UUID, Membership> people = new HashMap<>();
			reachableGroups(user).forEach(g -> groups.members(user.schoolId(), g.id()).forEach(m -> people.putIfAbsent(m.accountId(), m)));
			people.values().stream().filter(m -> !m.accountId().equals(user.accountId()) && m.displayName().toLowerCase(Locale.ROOT).contains(q))
				.sorted((a, b) -> a.displayName().compareToIgnoreCase(b.displayName())).limit(RESULTS)
				.forEach(m -> found.add(new Found(PERSON + m.accountId(), m.displayName(), false)));
		}
		else {
			accounts.list(user.schoolId(), q, null, RESULTS + 1, 0).stream().filter(a -> a.active() && !a.id().equals(user.accountId())).limit(RESULTS)
				.forEach(a -> found.add(new Found(PERSON + a.id(), a.displayName(), false)));
		}
		return found;
	}

	/** The form's new people and groups as attendees, the ones the event names kept as they are. */
	EventChanges.Invite invite(SchulhausUser user, EventForm form, InvitationViews.Invited stored) {
		Account organizer = accounts.require(user.schoolId(), user.accountId());
		Map<String, InvitationViews.Invited.Answer> named = named(stored);
		Map<UUID, Account> people = people(user, form.teilnehmende());
		Map<UUID, Group> chosenGroups = groups(user, form.teilnehmende());
		List<InvitationViews.Choice> chosen = new ArrayList<>();
		for (String value : form.teilnehmende()) {
			UUID id = id(value);
			if (value.startsWith(PERSON) && people.containsKey(id)) {
				Account account = people.get(id);
				chosen.add(new InvitationViews.Choice("mailto:" + account.login(), false, account.displayName()));
			}
			else if (value.startsWith(GROUP) && chosenGroups.containsKey(id)) {
				chosen.add(new InvitationViews.Choice("urn:uuid:" + id, true, chosenGroups.get(id).name()));
			}
			else if (form.gezeigt().contains(value)) {
				InvitationViews.Invited.Answer answer = named.get(value.toLowerCase(Locale.ROOT));
				chosen.add(new InvitationViews.Choice(value, answer != null && answer.group(), answer == null ? null : answer.name()));
			}
		}
		return new EventChanges.Invite(organizer, form.gezeigt(), chosen);
	}

	/** The ticked attendees with their names (and answers, for ones the event names), for the form. */
	List<Chosen> chosen(SchulhausUser user, EventForm form, InvitationViews.Invited stored) {
		Map<String, InvitationViews.Invited.Answer> named = named(stored);
		Map<UUID, Account> people = people(user, form.teilnehmende());
		Map<UUID, Group> chosenGroups = groups(user, form.teilnehmende());
		List<Chosen> chosen = new ArrayList<>();
		for (String value : form.teilnehmende()) {
			UUID id = id(value);
			InvitationViews.Invited.Answer answer = named.get(value.toLowerCase(Locale.ROOT));
			if (value.startsWith(PERSON) && people.containsKey(id)) {
				chosen.add(new Chosen(value, people.get(id).displayName(), false, null));
			}
			else if (value.startsWith(GROUP) && chosenGroups.containsKey(id)) {
				chosen.add(new Chosen(value, chosenGroups.get(id).name(), true, null));
			}
			else if (answer != null) {
				chosen.add(new Chosen(value, answer.name(), answer.group(), answer.partstat()));
			}
		}
		return chosen;
	}

	/** The ticked attendees as recipients for the free/busy look-up. */
	List<Recipient> recipients(SchulhausUser user, List<String> values) {
		List<Recipient> recipients = new ArrayList<>();
		people(user, values).values().forEach(a -> recipients.add(new Recipient("urn:uuid:" + a.id(), "INDIVIDUAL")));
		groups(user, values).keySet().forEach(g -> recipients.add(new Recipient("urn:uuid:" + g, "GROUP")));
		for (String value : values) {
			if (!value.startsWith(PERSON) && !value.startsWith(GROUP) && !restricted(user)) {
				recipients.add(new Recipient(value, null));
			}
		}
		return recipients;
	}

	private static Map<String, InvitationViews.Invited.Answer> named(InvitationViews.Invited stored) {
		Map<String, InvitationViews.Invited.Answer> named = new HashMap<>();
		if (stored != null) {
			stored.answers().forEach(a -> named.put(a.address().toLowerCase(Locale.ROOT), a));
		}
		return named;
	}

	private Map<UUID, Account> people(SchulhausUser user, List<String> values) {
		Set<UUID> ids = ids(values, PERSON);
		if (restricted(user)) {
			Set<UUID> reachable = new java.util.HashSet<>();
			reachableGroups(user).forEach(g -> groups.members(user.schoolId(), g.id()).forEach(m -> reachable.add(m.accountId())));
			ids.retainAll(reachable);
		}
		Map<UUID, Account> people = new HashMap<>();
		accounts.findAll(user.schoolId(), ids).stream().filter(Account::active).forEach(a -> people.put(a.id(), a));
		return people;
	}

	private Map<UUID, Group> groups(SchulhausUser user, List<String> values) {
		Set<UUID> ids = ids(values, GROUP);
		Map<UUID, Group> found = new HashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		reachableGroups(user).stream().filter(g -> ids.contains(g.id())).forEach(g -> found.put(g.id(), g));
		return found;
	}

	/** The groups a person may invite: all of the school's that are in use, a pupil's own. */
	private List<Group> reachableGroups(SchulhausUser user) {
		List<Group> all = groups.list(user.schoolId()).stream().filter(g -> !g.archived()).toList();
		if (!restricted(user)) {
			return all;
		}
		Set<UUID> own = new java.util.HashSet<>();
		groups.groupsOf(user.schoolId(), user.accountId()).forEach(m -> own.add(m.groupId()));
		return all.stream().filter(g -> own.contains(g.id())).toList();
	}

	private static boolean restricted(SchulhausUser user) {
		return user.role() == Role.PUPIL || user.role() == Role.EXTERN;
	}

	private static Set<UUID> ids(List<String> values, String prefix) {
		Set<UUID> ids = new LinkedHashSet<>();
		values.stream().filter(v -> v.startsWith(prefix)).map(EventInvitations::id).filter(java.util.Objects::nonNull).forEach(ids::add);
		return ids;
	}

	private static UUID id(String value) {
		int colon = value.indexOf(':');
		try {
			return colon < 0 ? null : UUID.fromString(value.substring(colon + 1));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
