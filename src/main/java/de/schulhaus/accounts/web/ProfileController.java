package de.schulhaus.accounts.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.security.SignInHandlers;
import de.schulhaus.accounts.security.TwoFactor;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/** A person's own account: password, language, two-factor sign-in and app passwords. */
@Controller
class ProfileController {

	private static final String NEW_SECRET = "schulhaus.totp.setup";

	private final AccountManagement accounts;
	private final GroupManagement groups;
	private final ClientCredentials credentials;
	private final TwoFactor twoFactor;
	private final SignInHandlers handlers;

	ProfileController(AccountManagement accounts, GroupManagement groups, ClientCredentials credentials, TwoFactor twoFactor,
			SignInHandlers handlers) {
		this.accounts = accounts;
		this.groups = groups;
		this.credentials = credentials;
		this.twoFactor = twoFactor;
		this.handlers = handlers;
	}

	@GetMapping("/konto")
	String overview(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("account", accounts.me(user));
		model.addAttribute("memberships", user.schoolId() == null ? java.util.List.of() : groups.groupsOf(user.schoolId(), user.accountId()));
		model.addAttribute("appPasswords", credentials.appPasswords(user));
		if (mayUseApi(user)) {
			model.addAttribute("tokens", credentials.tokens(user));
		}
		return "accounts/profile";
	}

	@GetMapping("/konto/passwort")
	String passwordForm(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("account", accounts.me(user));
		return "accounts/password";
	}

	@PostMapping("/konto/passwort")
	String changePassword(@AuthenticationPrincipal SchulhausUser user, @RequestParam(required = false) String currentPassword,
			@RequestParam String newPassword, @RequestParam String repeatPassword, Model model, RedirectAttributes redirect) {
		try {
			if (!newPassword.equals(repeatPassword)) {
				throw new InvalidInputException("repeatPassword", "accounts.error.passwordRepeat");
			}
			accounts.changeOwnPassword(user, currentPassword, newPassword);
		}
		catch (InvalidInputException e) {
			model.addAttribute("account", accounts.me(user));
			model.addAttribute("fieldError", e);
			return "accounts/password";
		}
		redirect.addFlashAttribute("toast", "accounts.toast.passwordChanged");
		return "redirect:/";
	}

	@PostMapping("/konto/sprache")
	String language(@AuthenticationPrincipal SchulhausUser user, @RequestParam String lang, HttpServletRequest request,
			HttpServletResponse response) {
		String language = "en".equals(lang) ? "en" : "de";
		accounts.changeLanguage(user, language);
		handlers.refresh(user.withLanguage(language), request, response);
		String back = request.getHeader("Referer");
		return "redirect:" + (back != null && back.startsWith(request.getScheme() + "://" + request.getServerName()) ? back : "/konto");
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

	@PostMapping("/konto/app-passwoerter")
	String createAppPassword(@AuthenticationPrincipal SchulhausUser user, @RequestParam String label, Model model,
			RedirectAttributes redirect) {
		try {
			var created = credentials.createAppPassword(user, label);
			redirect.addFlashAttribute("createdAppPassword", created);
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
		}
		return "redirect:/konto#app-passwoerter";
	}

	/** Personal access tokens for the provisioning API: for the people who provision. */
	@PostMapping("/konto/tokens")
	String createToken(@AuthenticationPrincipal SchulhausUser user, @RequestParam String label, RedirectAttributes redirect) {
		if (!mayUseApi(user)) {
			throw new org.springframework.security.access.AccessDeniedException("no API rights");
		}
		try {
			var created = credentials.createToken(user, label);
			redirect.addFlashAttribute("createdToken", created);
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
		}
		return "redirect:/konto#tokens";
	}

	@PostMapping("/konto/tokens/{tokenId}/widerrufen")
	String revokeToken(@AuthenticationPrincipal SchulhausUser user, @PathVariable String tokenId, RedirectAttributes redirect) {
		credentials.revokeToken(user, Ids.parse(tokenId, "token"));
		redirect.addFlashAttribute("toast", "accounts.toast.tokenRevoked");
		return "redirect:/konto#tokens";
	}

	private static boolean mayUseApi(SchulhausUser user) {
		return user.is(de.schulhaus.platform.Role.OPERATOR) || user.is(de.schulhaus.platform.Role.SCHOOL_ADMIN);
	}

	@PostMapping("/konto/app-passwoerter/{id}/widerrufen")
	String revokeAppPassword(@AuthenticationPrincipal SchulhausUser user, @PathVariable String id, RedirectAttributes redirect) {
		UUID appPasswordId = Ids.parse(id, "app password");
		credentials.revokeAppPassword(user, appPasswordId);
		redirect.addFlashAttribute("toast", "accounts.toast.appPasswordRevoked");
		return "redirect:/konto#app-passwoerter";
	}
}
