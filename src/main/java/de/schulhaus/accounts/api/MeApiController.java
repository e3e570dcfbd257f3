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
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.accounts.Account;
import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.SchulhausUser;

/** The signed-in account and its app passwords. */
@RestController
@RequestMapping("/api/v1/me")
class MeApiController {

	private final AccountManagement accounts;
	private final ClientCredentials credentials;

	MeApiController(AccountManagement accounts, ClientCredentials credentials) {
		this.accounts = accounts;
		this.credentials = credentials;
	}

	@GetMapping
	MeJson me(@AuthenticationPrincipal SchulhausUser user) {
		Account a = accounts.me(user);
		return new MeJson(a.id(), a.schoolId(), a.login(), a.firstName(), a.lastName(), a.role().name(), a.language(), a.totpEnabled());
	}

	@PostMapping("/app-passwords")
	ResponseEntity<CreatedJson> create(@RequestBody Label body, @AuthenticationPrincipal SchulhausUser user) {
		var created = credentials.createAppPassword(user, body.label());
		return ResponseEntity.created(URI.create("/api/v1/me/app-passwords/" + created.id()))
			.body(new CreatedJson(created.id(), created.label(), created.secret()));
	}

	@GetMapping("/app-passwords")
	List<ClientCredentials.Credential> list(@AuthenticationPrincipal SchulhausUser user) {
		return credentials.appPasswords(user);
	}

	@DeleteMapping("/app-passwords/{appPasswordId}")
	ResponseEntity<Void> revoke(@PathVariable String appPasswordId, @AuthenticationPrincipal SchulhausUser user) {
		credentials.revokeAppPassword(user, Ids.parse(appPasswordId, "app password"));
		return ResponseEntity.noContent().build();
	}

	record Label(String label) {
	}

	record CreatedJson(UUID id, String label, String password) {
	}

	record MeJson(UUID id, UUID schoolId, String login, String firstName, String lastName, String role, String language,
			boolean twoFactorEnabled) {
	}
}
