package de.schulhaus.accounts.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import de.schulhaus.platform.SchulhausUser;

/**
 * What must come before anything else: operator and school admins set up two-factor sign-in, and
 * whoever signed in with a one-time link or a generated password chooses their own password.
 * Every page sends them there until they have (the sign-out and the page itself stay open).
 */
class SignInGateFilter extends OncePerRequestFilter {

	static final String SETUP = "/konto/zwei-faktor";
	static final String PASSWORD = "/konto/passwort";

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return SitePaths.isNoPage(request.getRequestURI().substring(request.getContextPath().length()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof SchulhausUser user) {
			String due = user.mustChangePassword() ? PASSWORD
					: user.role().requiresTwoFactor() && !user.twoFactorEnabled() ? SETUP : null;
			if (due != null && !path.startsWith(due)) {
				response.sendRedirect(request.getContextPath() + due + (PASSWORD.equals(due) ? "?neu" : ""));
				return;
			}
		}
		chain.doFilter(request, response);
	}
}
