package de.schulhaus.accounts.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.accounts.NewAccount;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.Tenancy;

/** Provisioning API for people of a school. */
@RestController
@RequestMapping("/api/v1/schools/{schoolId}/users")
class UserApiController {

	private final AccountManagement accounts;

	UserApiController(AccountManagement accounts) {
		this.accounts = accounts;
	}

	@PostMapping
	ResponseEntity<UserJson> create(@PathVariable String schoolId, @RequestBody CreateUser body, @AuthenticationPrincipal SchulhausUser user) {
		UUID school = school(schoolId, user);
		Role role = parseRole(body.role());
		Account account = accounts.create(school, new NewAccount(body.firstName(), body.lastName(), role, body.password(), body.groups()), user);
		return ResponseEntity.created(URI.create("/api/v1/schools/" + school + "/users/" + account.id())).body(UserJson.of(account));
	}

	@GetMapping
	List<UserJson> list(@PathVariable String schoolId, @RequestParam(required = false) String q,
			@RequestParam(required = false) String role, @RequestParam(defaultValue = "1000") int limit,
			@RequestParam(defaultValue = "0") int offset, @AuthenticationPrincipal SchulhausUser user) {
		UUID school = school(schoolId, user);
		return accounts.list(school, q, role == null ? null : parseRole(role), limit, offset).stream().map(UserJson::of).toList();
	}

	@GetMapping("/{userId}")
	UserJson get(@PathVariable String schoolId, @PathVariable String userId, @AuthenticationPrincipal SchulhausUser user) {
		UUID school = school(schoolId, user);
		return UserJson.of(accounts.require(school, Ids.parse(userId, "user")));
	}

	@PostMapping("/{userId}/deactivate")
	UserJson deactivate(@PathVariable String schoolId, @PathVariable String userId, @AuthenticationPrincipal SchulhausUser user) {
		UUID school = school(schoolId, user);
		UUID id = Ids.parse(userId, "user");
		accounts.setStatus(school, id, AccountStatus.DEACTIVATED, user);
		return UserJson.of(accounts.require(school, id));
	}

	@PostMapping("/{userId}/activate")
	UserJson activate(@PathVariable String schoolId, @PathVariable String userId, @AuthenticationPrincipal SchulhausUser user) {
		UUID school = school(schoolId, user);
		UUID id = Ids.parse(userId, "user");
		accounts.setStatus(school, id, AccountStatus.ACTIVE, user);
		return UserJson.of(accounts.require(school, id));
	}

	@DeleteMapping("/{userId}")
	ResponseEntity<Void> delete(@PathVariable String schoolId, @PathVariable String userId, @AuthenticationPrincipal SchulhausUser user) {
		UUID school = school(schoolId, user);
		accounts.delete(school, Ids.parse(userId, "user"), user);
		return ResponseEntity.noContent().build();
	}

	private static UUID school(String schoolId, SchulhausUser user) {
		UUID id = Ids.parse(schoolId, "school");
		Tenancy.requireSchoolAdmin(user, id, "school");
		return id;
	}

	static Role parseRole(String value) {
		try {
			Role role = Role.valueOf(value == null ? "" : value.strip().toUpperCase());
			if (role != Role.OPERATOR) {
				return role;
			}
		}
		catch (IllegalArgumentException e) {
			// answered below
		}
		throw new InvalidInputException("role", "accounts.error.role");
	}

	record CreateUser(String firstName, String lastName, String role, String password, List<String> groups) {
	}

	record UserJson(UUID id, UUID schoolId, String login, String firstName, String lastName, String role, String status,
			String source, String sourceId) {

		static UserJson of(Account a) {
			return new UserJson(a.id(), a.schoolId(), a.login(), a.firstName(), a.lastName(), a.role().name(), a.status().name(),
					a.source().name(), a.sourceId());
		}
	}
}
