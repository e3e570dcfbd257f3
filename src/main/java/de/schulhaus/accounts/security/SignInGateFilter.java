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
 * Operator and school admins must set up two-factor sign-in before they can do anything else:
 * every page sends them to the set-up page until they have.
 */
class SignInGateFilter extends OncePerRequestFilter {

	static final String SETUP = "/konto/zwei-faktor";

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith(SETUP) || SitePaths.isNoPage(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof SchulhausUser user && user.role().requiresTwoFactor()
				&& !user.twoFactorEnabled()) {
			response.sendRedirect(request.getContextPath() + SETUP);
			return;
		}
		chain.doFilter(request, response);
	}
}
