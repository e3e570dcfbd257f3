package de.schulhaus.contacts.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Membership;
import de.schulhaus.contacts.DirectoryVisibility;
import de.schulhaus.contacts.GroupAddresses;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.SchoolManagement;

/**
 * The school's directory as one person sees it, made from the roster at each request (four queries and one for the lists' addresses,
 * whatever the school's size): admins, teachers and staff see everyone and every group; pupils and
 * external people see the school's staff, and as the school decided ({@link DirectoryPolicy}) the
 * people and groups they share a group with (the default), everyone, or no one else.
 */
@Service
public class Directory {

	private static final String TOKEN_PREFIX = "urn:x-schulhaus:directory:";

	private final AccountManagement accounts;
	private final GroupManagement groups;
	private final SchoolManagement schools;
	private final DirectoryPolicy policy;
	private final List<GroupAddresses> groupAddresses;
	private final DirectorySnapshots snapshots;

	Directory(AccountManagement accounts, GroupManagement groups, SchoolManagement schools, DirectoryPolicy policy,
			List<GroupAddresses> groupAddresses, DirectorySnapshots snapshots) {
		this.accounts = accounts;
		this.groups = groups;
		this.schools = schools;
		this.policy = policy;
		this.groupAddresses = groupAddresses;
		this.snapshots = snapshots;
	}

	/**
	 * What changed in a person's directory since a sync token: the cards that appeared or changed (a new person, a new
	 * name, new groups) and the names of those that went (someone left, or is no longer visible to them).
	 */
	public record Changes(List<DirectoryCard> changed, List<String> gone) {
	}

	/** Keeps what the listing holds under its token, which the person is given now (sync-collection's answer). */
	public void given(SchulhausUser viewer, Listing listing) {
		snapshots.issued(viewer, listing);
	}

	/** The changes from a token the person was given to the listing; empty for a token unknown or forgotten. */
	public java.util.Optional<Changes> since(SchulhausUser viewer, String token, Listing listing) {
		return snapshots.since(viewer, token, listing);
	}

	/**
	 * What one person sees: the cards, people by last and first name, then groups by name.
	 *
	 * @param token changes whenever any card the person sees changes, appears or goes: CTag and sync token
	 */
	public record Listing(List<DirectoryCard> cards, String token) {
	}

	public Listing of(SchulhausUser viewer) {
		UUID school = viewer.schoolId();
		String schoolName = schools.require(school).name();
		List<Account> people = accounts.active(school);
		Map<UUID, Group> open = new HashMap<>();
		groups.list(school).stream().filter(g -> !g.archived()).forEach(g -> open.put(g.id(), g));
		List<Membership> memberships = groups.memberships(school).stream().filter(m -> open.containsKey(m.groupId())).toList();

		DirectoryVisibility visible = visibility(viewer, memberships);
		boolean seesAll = visible.everyone();
		Set<UUID> visibleGroups = seesAll ? open.keySet() : visible.groups();
		Map<UUID, List<String>> groupNames = new HashMap<>();
		Map<UUID, List<UUID>> members = new HashMap<>();
		Set<UUID> active = new HashSet<>();
		people.forEach(a -> active.add(a.id()));
		for (Membership m : memberships) {
			if (visibleGroups.contains(m.groupId()) && active.contains(m.accountId())) {
				groupNames.computeIfAbsent(m.accountId(), k -> new ArrayList<>()).add(m.groupName());
				members.computeIfAbsent(m.groupId(), k -> new ArrayList<>()).add(m.accountId());
			}
		}
		List<DirectoryCard> cards = new ArrayList<>();
		for (Account person : people) {
			if (visible.seesPerson(person.id(), person.role())) {
				cards.add(new DirectoryCard(person.id(), false, person.firstName(), person.lastName(), person.login(), title(person.role()), schoolName,
						groupNames.getOrDefault(person.id(), List.of()), List.of()));
			}
		}
		// a group's list address (when mail runs) is its card's address, as a person's sign-in is theirs
		Map<UUID, String> addresses = new HashMap<>();
		if (!visibleGroups.isEmpty()) {
			groupAddresses.forEach(source -> addresses.putAll(source.of(school)));
		}
		open.values().stream().filter(g -> visibleGroups.contains(g.id())).sorted(Comparator.comparing(Group::name, String.CASE_INSENSITIVE_ORDER))
			.forEach(g -> cards.add(new DirectoryCard(g.id(), true, "", g.name(), addresses.get(g.id()), kind(g.kind()), schoolName, List.of(),
					members.getOrDefault(g.id(), List.of()))));
		return new Listing(cards, token(cards));
	}

	/**
	 * Whom and which groups the person sees, by the rule {@link #of} makes the cards by. Asked while a person types
	 * (mail addresses), so it reads only the person's own groups and their members, not the school's roster.
	 */
	public DirectoryVisibility visibility(SchulhausUser viewer) {
		if (viewer.schoolId() == null) {
			return new DirectoryVisibility(viewer.accountId(), false, Set.of(), Set.of());
		}
		PupilDirectory rule = rule(viewer);
		if (rule != PupilDirectory.GROUPS) {
			return new DirectoryVisibility(viewer.accountId(), rule == PupilDirectory.EVERYONE, Set.of(), Set.of());
		}
		Set<UUID> visibleGroups = new HashSet<>();
		Set<UUID> companions = new HashSet<>();
		groups.groupsOfPerson(viewer.schoolId(), viewer.accountId()).stream().filter(g -> !g.archived()).forEach(g -> visibleGroups.add(g.groupId()));
		visibleGroups.forEach(g -> groups.members(viewer.schoolId(), g).forEach(m -> companions.add(m.accountId())));
		return new DirectoryVisibility(viewer.accountId(), false, visibleGroups, companions);
	}

	/** The rule on the open groups' memberships of the whole school, which {@link #of} reads anyway. */
	private DirectoryVisibility visibility(SchulhausUser viewer, List<Membership> memberships) {
		PupilDirectory rule = rule(viewer);
		Set<UUID> visibleGroups = new HashSet<>();
		Set<UUID> companions = new HashSet<>();
		if (rule == PupilDirectory.GROUPS) {
			memberships.stream().filter(m -> m.accountId().equals(viewer.accountId())).forEach(m -> visibleGroups.add(m.groupId()));
			memberships.stream().filter(m -> visibleGroups.contains(m.groupId())).forEach(m -> companions.add(m.accountId()));
		}
		return new DirectoryVisibility(viewer.accountId(), rule == PupilDirectory.EVERYONE, visibleGroups, companions);
	}

	/** Staff see everyone whatever the school decided for pupils and external people. */
	private PupilDirectory rule(SchulhausUser viewer) {
		return DirectoryVisibility.seesAll(viewer.role()) ? PupilDirectory.EVERYONE : policy.of(viewer.schoolId());
	}

	private static String token(List<DirectoryCard> cards) {
		StringBuilder all = new StringBuilder();
		cards.stream().map(c -> c.id() + ":" + c.etag()).sorted().forEach(s -> all.append(s).append('\n'));
		return TOKEN_PREFIX + ContactCards.etag(all.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** Role names as NRW schools write them. */
	static String title(Role role) {
		return switch (role) {
			case SCHOOL_ADMIN -> "Schulverwaltung";
			case TEACHER -> "Lehrkraft";
			case STAFF -> "Sekretariat und Verwaltung";
			case PUPIL -> "Schülerin oder Schüler";
			case EXTERN -> "Extern";
			case OPERATOR -> "Betrieb";
		};
	}

	static String kind(GroupKind kind) {
		return switch (kind) {
			case CLASS -> "Klasse";
			case YEAR -> "Jahrgang";
			case COURSE -> "Kurs";
			case STAFF -> "Kollegium";
			case CUSTOM -> "Gruppe";
		};
	}
}
