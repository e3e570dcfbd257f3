package de.schulhaus.accounts.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import de.schulhaus.accounts.ClientCredentials;

/** HTTP Basic for the API: app password, or the account password while there is no second factor. */
class ClientCredentialsAuthenticationProvider implements AuthenticationProvider {

	private final ClientCredentials credentials;

	ClientCredentialsAuthenticationProvider(ClientCredentials credentials) {
		this.credentials = credentials;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String ip = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
		return credentials.authenticateBasic(authentication.getName(), String.valueOf(authentication.getCredentials()), ip)
			.map(user -> UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()))
			.orElseThrow(() -> new BadCredentialsException("bad credentials"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
