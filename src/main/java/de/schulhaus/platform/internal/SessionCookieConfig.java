package de.schulhaus.platform.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

import de.schulhaus.platform.PlatformProperties;

/**
 * The session cookie of the database-backed sessions: our own name, never readable by scripts,
 * not sent on cross-site requests, and Secure whenever the request came over HTTPS; in production
 * always, so that it never travels in clear even if a plain HTTP request reaches the node.
 */
@Configuration
class SessionCookieConfig {

	static final String NAME = "SCHULHAUS_SESSION";

	@Bean
	CookieSerializer cookieSerializer(PlatformProperties platform) {
		DefaultCookieSerializer serializer = new DefaultCookieSerializer();
		serializer.setCookieName(NAME);
		serializer.setUseHttpOnlyCookie(true);
		serializer.setSameSite("Lax");
		serializer.setCookiePath("/");
		if (platform.httpsOnly()) {
			serializer.setUseSecureCookie(true);
		}
		return serializer;
	}
}
