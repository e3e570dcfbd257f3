package de.schulhaus.mail.smtp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.LoginAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.MultipleAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.PlainAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.UsernamePasswordValidator;

import de.schulhaus.accounts.ProtocolSignIn;
import de.schulhaus.accounts.Scope;
import de.schulhaus.platform.SchulhausUser;

/**
 * AUTH PLAIN and LOGIN through {@link ProtocolSignIn} with scope {@code mail} (password or app password,
 * throttled and audited there); the signed-in person becomes the session's identity.
 */
final class SmtpSignIn implements AuthenticationHandlerFactory {

	private final ProtocolSignIn signIn;

	SmtpSignIn(ProtocolSignIn signIn) {
		this.signIn = signIn;
	}

	@Override
	public List<String> getAuthenticationMechanisms() {
		return List.of("PLAIN", "LOGIN");
	}

	@Override
	public AuthenticationHandler create() {
		SchulhausUser[] signedIn = new SchulhausUser[1];
		UsernamePasswordValidator check = (login, secret, context) -> signedIn[0] = signIn
			.authenticate(login, secret, Scope.MAIL, "smtp", clientAddress(context))
			.orElseThrow(LoginFailedException::new);
		AuthenticationHandler mechanisms = new MultipleAuthenticationHandlerFactory(
				List.of(new PlainAuthenticationHandlerFactory(check), new LoginAuthenticationHandlerFactory(check))).create();
		return new AuthenticationHandler() {
			@Override
			public Optional<String> auth(String clientInput, MessageContext context) throws RejectException {
				try {
					return mechanisms.auth(clientInput, context);
				} catch (RejectException e) {
					throw e.getCode() == 535 ? new RejectException(535, "5.7.8 Authentication credentials invalid") : e;
				}
			}

			@Override
			public Object getIdentity() {
				return signedIn[0];
			}
		};
	}

	private static String clientAddress(MessageContext context) {
		return ((InetSocketAddress) context.getRemoteAddress()).getAddress().getHostAddress();
	}
}
