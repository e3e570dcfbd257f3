package de.schulhaus.accounts.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import de.schulhaus.accounts.ProtocolSignIn;
import de.schulhaus.accounts.Scope;

/** HTTP Basic for the API: an app password with the api scope (the account password only as {@link ProtocolSignIn} allows). */
class ClientCredentialsAuthenticationProvider implements AuthenticationProvider {

	private final ProtocolSignIn signIn;

	ClientCredentialsAuthenticationProvider(ProtocolSignIn signIn) {
		this.signIn = signIn;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String ip = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
		return signIn.authenticate(authentication.getName(), String.valueOf(authentication.getCredentials()), Scope.API, "api", ip)
			.map(user -> UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()))
			.orElseThrow(() -> new BadCredentialsException("bad credentials"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
