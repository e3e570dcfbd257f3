package de.schulhaus.platform.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie of the database-backed sessions: our own name, never readable by scripts,
 * not sent on cross-site requests, and Secure whenever the request came over HTTPS.
 */
@Configuration
class SessionCookieConfig {

	static final String NAME = "SCHULHAUS_SESSION";

	@Bean
	CookieSerializer cookieSerializer() {
		DefaultCookieSerializer serializer = new DefaultCookieSerializer();
		serializer.setCookieName(NAME);
		serializer.setUseHttpOnlyCookie(true);
		serializer.setSameSite("Lax");
		serializer.setCookiePath("/");
		return serializer;
	}
}
