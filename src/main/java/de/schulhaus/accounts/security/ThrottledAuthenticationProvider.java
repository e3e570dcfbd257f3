package de.schulhaus.accounts.security;

import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The sign-in limits inside authentication itself, not in front of one URL: whatever path or
 * encoding a request uses to reach the password check, a throttled address is refused before
 * it and a wrong password is counted after it. Refusals that would skip the hash (locked or
 * disabled account) hash a dummy, so they cost the same time as a wrong password.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider passwords;
	private final SignInThrottle throttle;
	private final DummyHash dummy;

	ThrottledAuthenticationProvider(AuthenticationProvider passwords, SignInThrottle throttle, DummyHash dummy) {
		this.passwords = passwords;
		this.throttle = throttle;
		this.dummy = dummy;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String ip = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
		if (!throttle.allowed(ip)) {
			throw new AddressThrottledException();
		}
		try {
			return passwords.authenticate(authentication);
		}
		catch (BadCredentialsException e) {
			throttle.failed(authentication.getName(), ip);
			throw e;
		}
		catch (AccountStatusException e) {
			if (e instanceof DisabledException) {
				throttle.failed(authentication.getName(), ip);
			}
			dummy.spend(String.valueOf(authentication.getCredentials()));
			throw e;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** Too many failed sign-ins from this network address lately. */
	static class AddressThrottledException extends org.springframework.security.core.AuthenticationException {

		AddressThrottledException() {
			super("too many failed sign-ins from this address");
		}
	}
}
