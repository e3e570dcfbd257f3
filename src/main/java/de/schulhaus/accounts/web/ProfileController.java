package de.schulhaus.accounts.web;

import java.util.ArrayList;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.accounts.security.ExternalIdentities;
import de.schulhaus.accounts.security.Reauthentication;
import de.schulhaus.accounts.security.SignInHandlers;
import de.schulhaus.accounts.security.TwoFactor;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.ProfileSection;
import de.schulhaus.platform.SchulhausUser;

/** A person's own account: password, language, two-factor sign-in; what else they hold is listed here too. */
@Controller
class ProfileController {

	private static final String NEW_SECRET = "schulhaus.totp.setup";

	private final AccountManagement accounts;
	private final GroupManagement groups;
	private final ClientCredentials credentials;
	private final TwoFactor twoFactor;
	private final SignInHandlers handlers;
	private final Reauthentication reauthentication;
	private final ExternalIdentities identities;
	private final ObjectProvider<InMemoryClientRegistrationRepository> oidc;
	private final StorageQuotas quotas;
	private final java.util.List<ProfileSection> sections;

	ProfileController(AccountManagement accounts, GroupManagement groups, ClientCredentials credentials, TwoFactor twoFactor,
			SignInHandlers handlers, Reauthentication reauthentication, ExternalIdentities identities,
			ObjectProvider<InMemoryClientRegistrationRepository> oidc, StorageQuotas quotas, java.util.List<ProfileSection> sections) {
		this.quotas = quotas;
		this.sections = sections.stream().sorted(java.util.Comparator.comparingInt(ProfileSection::order)).toList();
		this.reauthentication = reauthentication;
		this.identities = identities;
		this.oidc = oidc;
		this.accounts = accounts;
		this.groups = groups;
		this.credentials = credentials;
		this.twoFactor = twoFactor;
		this.handlers = handlers;
	}

	@GetMapping("/konto")
	String overview(@AuthenticationPrincipal SchulhausUser user, HttpSession session, Model model) {
		model.addAttribute("account", accounts.me(user));
		model.addAttribute("memberships", user.schoolId() == null ? java.util.List.of() : groups.groupsOf(user.schoolId(), user.accountId()));
		if (user.schoolId() != null) {
			model.addAttribute("storage", quotas.usageOfPerson(user.schoolId(), user.accountId()));
		}
		model.addAttribute("appPasswords", credentials.appPasswords(user));
		if (Scope.mayUseApi(user.role())) {
			model.addAttribute("tokens", credentials.tokens(user));
		}
		model.addAttribute("scopes", Arrays.stream(Scope.values()).filter(sc -> sc.allowedFor(user.role())).toList());
		model.addAttribute("confirmed", reauthentication.recent(session));
		model.addAttribute("identities", identities.of(user));
		var providers = new ArrayList<ClientRegistration>();
		oidc.ifAvailable(repo -> repo.forEach(providers::add));
		model.addAttribute("providers", providers);
		if (user.twoFactorEnabled()) {
			model.addAttribute("unusedRecoveryCodes", twoFactor.unusedRecoveryCodes(user.accountId()));
		}
		model.addAttribute("sections", sections.stream().filter(s -> s.shownTo(user)).map(ProfileSection::fragment).toList());
		return "accounts/profile";
	}

	@GetMapping("/konto/passwort")
	String passwordForm(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("account", accounts.me(user));
		return "accounts/password";
	}

	@PostMapping("/konto/passwort")
	String changePassword(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String currentPassword,
			@RequestParam String newPassword, @RequestParam String repeatPassword, Model model, RedirectAttributes redirect,
			HttpServletRequest request, HttpServletResponse response) {
		try {
			if (!newPassword.equals(repeatPassword)) {
				throw new InvalidInputException("repeatPassword", "accounts.error.passwordRepeat");
			}
			accounts.changeOwnPassword(user, currentPassword, newPassword, request.getSession().getId());
		}
		catch (InvalidInputException e) {
			model.addAttribute("account", accounts.me(user));
			model.addAttribute("fieldError", e);
			return "accounts/password";
		}
		handlers.refresh(user.withPasswordChanged(), request, response);
		redirect.addFlashAttribute("toast", "accounts.toast.passwordChanged");
		return "redirect:/";
	}

	@PostMapping("/konto/sprache")
	String language(@AuthenticationPrincipal SchulhausUser user, @RequestParam String lang, HttpServletRequest request,
			HttpServletResponse response) {
		String language = "en".equals(lang) ? "en" : "de";
		accounts.changeLanguage(user, language);
		handlers.refresh(user.withLanguage(language), request, response);
		return "redirect:" + LocalPaths.pathOf(request.getHeader("Referer"), "/konto");
	}

	@GetMapping("/konto/zwei-faktor")
	String twoFactorPage(@AuthenticationPrincipal SchulhausUser user, HttpSession session, Model model) {
		if (!user.twoFactorEnabled()) {
			String secret = (String) session.getAttribute(NEW_SECRET);
			if (secret == null) {
				secret = twoFactor.newSecret();
				session.setAttribute(NEW_SECRET, secret);
			}
			model.addAttribute("secret", secret);
			model.addAttribute("qr", QrSvg.of(twoFactor.uri(secret, user.login()), "QR-Code"));
		}
		model.addAttribute("required", user.role().requiresTwoFactor());
		return "accounts/two-factor";
	}

	@PostMapping("/konto/zwei-faktor")
	String enableTwoFactor(@AuthenticationPrincipal SchulhausUser user, @RequestParam String code, HttpSession session,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		String secret = (String) session.getAttribute(NEW_SECRET);
		var codes = secret == null ? java.util.Optional.<java.util.List<String>>empty() : twoFactor.enable(user, secret, code);
		if (codes.isEmpty()) {
			model.addAttribute("codeError", true);
			return twoFactorPage(user, session, model);
		}
		session.removeAttribute(NEW_SECRET);
		handlers.establish(user.withTwoFactor(true), request, response);
		model.addAttribute("recoveryCodes", codes.get());
		return "accounts/recovery-codes";
	}

	@PostMapping("/konto/zwei-faktor/aus")
	String disableTwoFactor(@AuthenticationPrincipal SchulhausUser user, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		if (user.role().requiresTwoFactor()) {
			redirect.addFlashAttribute("toast", "accounts.toast.twoFactorRequired");
			return "redirect:/konto";
		}
		twoFactor.disable(user);
		handlers.refresh(user.withTwoFactor(false), request, response);
		redirect.addFlashAttribute("toast", "accounts.toast.twoFactorOff");
		return "redirect:/konto";
	}

}
