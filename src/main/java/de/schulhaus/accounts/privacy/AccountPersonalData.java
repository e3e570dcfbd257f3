package de.schulhaus.accounts.privacy;

import static de.schulhaus.platform.PersonalDataProvider.text;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.stereotype.Component;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.AccountSource;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.ClientCredentials.Credential;
import de.schulhaus.accounts.Group;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Membership;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.accounts.security.ExternalIdentities;
import de.schulhaus.accounts.security.ExternalIdentities.Linked;
import de.schulhaus.accounts.security.TwoFactor;
import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.PersonalDataExport;
import de.schulhaus.platform.PersonalDataProvider;
import de.schulhaus.platform.SchulhausUser;

/**
 * The account's part of a person's data: the account, group memberships, app passwords and tokens
 * (what they are for and where they were used, never the secrets or hashes) and linked identity
 * providers. Erasure deletes the account, and with it all of these. Roster uploads are not the
 * person's: an upload is the school's file with the whole roster in it, gone within a day, and what
 * it said about the person is in the account.
 */
@Component
class AccountPersonalData implements PersonalDataProvider {

	private final AccountRepository repository;
	private final AccountManagement accounts;
	private final GroupManagement groups;
	private final ClientCredentials credentials;
	private final ExternalIdentities identities;
	private final TwoFactor twoFactor;

	AccountPersonalData(AccountRepository repository, AccountManagement accounts, GroupManagement groups, ClientCredentials credentials,
			ExternalIdentities identities, TwoFactor twoFactor) {
		this.repository = repository;
		this.accounts = accounts;
		this.groups = groups;
		this.credentials = credentials;
		this.identities = identities;
		this.twoFactor = twoFactor;
	}

	@Override
	public String section() {
		return "konto";
	}

	@Override
	public String titleKey() {
		return "personalData.section.account";
	}

	@Override
	public int order() {
		return 0;
	}

	@Override
	public void export(DataSubject person, PersonalDataExport export) throws IOException {
		Account a = account(person);
		var data = new AccountExport(
				new AccountData(a.id(), a.firstName(), a.lastName(), a.login(), a.role().name(), a.status().name(), a.language(),
						a.source().name(), a.sourceId(), a.createdAt(), a.lastSignInAt(), a.totpEnabled(),
						a.totpEnabled() ? twoFactor.unusedRecoveryCodes(a.id()) : 0),
				memberships(a), credentials.appPasswords(a.id()).stream().map(ClientExport::of).toList(),
				credentials.tokens(a.id()).stream().map(ClientExport::of).toList(),
				identities.of(a.id()).stream().map(IdentityExport::of).toList());
		export.json("konto.json", text("personalData.account.file"), data);
	}

	@Override
	public Erasure erase(DataSubject person, SchulhausUser actor) {
		Account a = account(person);
		// checked again here, inside the erasure's transaction: reactivated meanwhile, nothing is erased
		if (a.active()) {
			throw new InvalidInputException("confirm", "personalData.error.active");
		}
		int memberships = groups.groupsOf(a.schoolId(), a.id()).size();
		int clients = credentials.appPasswords(a.id()).size() + credentials.tokens(a.id()).size();
		int linked = identities.of(a.id()).size();
		accounts.delete(a.schoolId(), a.id(), actor);
		List<Kept> kept = new ArrayList<>();
		if (a.source() != AccountSource.MANUAL) {
			kept.add(new Kept(text("personalData.account.keptSource", text("source." + a.source().name()), a.sourceId()),
					text("personalData.account.keptSourceWhy"), null));
		}
		List<MessageSourceResolvable> erased = List.of(text("personalData.account.erased", a.login()),
				text("personalData.account.erasedDetails", memberships, clients, linked));
		return new Erasure(erased, kept);
	}

	// the person was found in the asking admin's school (or is the signed-in person) before the platform called
	private Account account(DataSubject person) {
		return repository.findById(person.accountId()).filter(a -> Objects.equals(a.schoolId(), person.schoolId()))
			.orElseThrow(() -> new NotFoundException("account"));
	}

	private List<MembershipExport> memberships(Account a) {
		if (a.schoolId() == null) {
			return List.of();
		}
		Map<UUID, Group> byId = groups.list(a.schoolId()).stream().collect(Collectors.toMap(Group::id, Function.identity()));
		return groups.groupsOf(a.schoolId(), a.id()).stream().map(m -> MembershipExport.of(m, byId.get(m.groupId()))).toList();
	}

	record AccountExport(AccountData account, List<MembershipExport> groups, List<ClientExport> appPasswords,
			List<ClientExport> accessTokens, List<IdentityExport> identityProviders) {
	}

	record AccountData(UUID id, String firstName, String lastName, String login, String role, String status, String language,
			String source, String sourceId, Instant createdAt, Instant lastSignInAt, boolean twoFactorEnabled, int unusedRecoveryCodes) {
	}

	record MembershipExport(String group, String kind, boolean leader) {

		static MembershipExport of(Membership m, Group group) {
			return new MembershipExport(m.groupName(), group == null ? null : group.kind().name(), m.leader());
		}
	}

	/** An app password or token: what it is for and where it was used; the secret is never stored, its hash never leaves. */
	record ClientExport(String label, List<String> scopes, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
			String lastUsedProtocol, String lastUsedAddress) {

		static ClientExport of(Credential c) {
			return new ClientExport(c.label(), c.scopes().stream().sorted().map(Scope::key).toList(), c.createdAt(), c.expiresAt(),
					c.lastUsedAt(), c.lastUsedProtocol(), c.lastUsedAddress());
		}
	}

	record IdentityExport(String provider, String issuer, Instant since) {

		static IdentityExport of(Linked l) {
			return new IdentityExport(l.registrationId(), l.issuer(), l.linkedAt());
		}
	}
}
