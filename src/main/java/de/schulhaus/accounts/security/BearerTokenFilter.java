package de.schulhaus.accounts.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import de.schulhaus.accounts.ProtocolSignIn;

/** {@code Authorization: Bearer <token>} with a personal access token. */
class BearerTokenFilter extends OncePerRequestFilter {

	private final ProtocolSignIn signIn;
	private final ProblemResponses problems;

	BearerTokenFilter(ProtocolSignIn signIn, ProblemResponses problems) {
		this.signIn = signIn;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			var user = signIn.authenticateToken(header.substring(7), request.getRemoteAddr());
			if (user.isEmpty()) {
				response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
				problems.write(response, HttpStatus.UNAUTHORIZED, "The access token is unknown, expired or revoked, or its account is disabled.");
				return;
			}
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null, user.get().getAuthorities()));
			SecurityContextHolder.setContext(context);
		}
		chain.doFilter(request, response);
	}
}
