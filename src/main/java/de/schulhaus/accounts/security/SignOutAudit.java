package de.schulhaus.accounts.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;

/** Sign-outs belong in the audit log too: they close the window a sign-in opened. */
@Component
class SignOutAudit implements LogoutHandler {

	private final AuditLog audit;

	SignOutAudit(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		if (authentication != null && authentication.getPrincipal() instanceof SchulhausUser user) {
			audit.record(user, "sign-out", user.login(), null);
		}
	}
}
