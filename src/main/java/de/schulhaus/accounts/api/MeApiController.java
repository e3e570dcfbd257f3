package de.schulhaus.accounts.api;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.security.Reauthentication;
import de.schulhaus.platform.InvalidInputException;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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

	private final Reauthentication reauthentication;
	private final MessageSource messages;

	MeApiController(AccountManagement accounts, ClientCredentials credentials, Reauthentication reauthentication, MessageSource messages) {
		this.reauthentication = reauthentication;
		this.messages = messages;
		this.accounts = accounts;
		this.credentials = credentials;
	}

	@GetMapping
	MeJson me(@AuthenticationPrincipal SchulhausUser user) {
		Account a = accounts.me(user);
		return new MeJson(a.id(), a.schoolId(), a.login(), a.firstName(), a.lastName(), a.role().name(), a.language(), a.totpEnabled());
	}

	/**
	 * A new app password, only with the account password (and a current code where there is a second
	 * factor) in the same request: a leaked token alone must not mint further credentials.
	 */
	@PostMapping("/app-passwords")
	ResponseEntity<?> create(@RequestBody NewAppPassword body, @AuthenticationPrincipal SchulhausUser user, HttpServletRequest request) {
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		for (String key : body.scopes() == null ? List.<String>of() : body.scopes()) {
			scopes.add(Scope.of(key).orElseThrow(() -> new InvalidInputException("scopes", "accounts.error.scopes")));
		}
		var outcome = reauthentication.check(user, body.password(), body.code(), request.getRemoteAddr());
		if (outcome != Reauthentication.Outcome.CONFIRMED) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, messages.getMessage(
					"accounts.reauth.api." + outcome.name(), null, LocaleContextHolder.getLocale()));
			problem.setTitle("Re-authentication required");
			return ResponseEntity.of(problem).build();
		}
		var created = credentials.createAppPassword(user, body.label(), scopes, body.expiresOn());
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

	/** {@code password} and {@code code} confirm the person; scopes: files, calendar, mail, api. */
	record NewAppPassword(String label, List<String> scopes, LocalDate expiresOn, String password, String code) {
	}

	record CreatedJson(UUID id, String label, String password) {
	}

	record MeJson(UUID id, UUID schoolId, String login, String firstName, String lastName, String role, String language,
			boolean twoFactorEnabled) {
	}
}
