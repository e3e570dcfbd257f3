package de.schulhaus.files.dav;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import de.schulhaus.accounts.ProtocolSecurity;
import de.schulhaus.accounts.Scope;
import de.schulhaus.dav.DavEngine;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.IsolatedRoute;

/**
 * WebDAV for the files module: its endpoint, served before all other filters with the sign-in of a protocol chain
 * (app passwords of scope files, {@link ProtocolSecurity#direct}); the filter chain for the rest of {@code /dav/};
 * its routes for the isolation test.
 */
@Configuration
class FilesDavConfiguration {

	@Bean
	@Order(ProtocolSecurity.ORDER)
	SecurityFilterChain filesDavChain(HttpSecurity http, ProtocolSecurity protocols) throws Exception {
		return protocols.chain(http, "Schulhaus Dateien", Scope.FILES, "webdav", "/dav/**");
	}

	/**
	 * A sync client's every file is a request of its own: these paths skip Spring Security's filter chain, the
	 * request's observation and Spring MVC's dispatch, which cost about as much as a small PUT's own work.
	 */
	@Bean
	FilterRegistrationBean<Filter> filesDavEndpoint(ProtocolSecurity protocols, DavEngine engine, Spaces spaces) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
				protocols.direct("Schulhaus Dateien", Scope.FILES, "webdav", new FilesDavEndpoint(engine, spaces)));
		registration.addUrlPatterns(FilesDavEndpoint.ROOT + "*", "/dav/spaces", FilesDavEndpoint.SPACES + "*");
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	// the space is addressed by sign-in, not by id: another school's person's id in that place must answer like any unknown name
	@Bean
	IsolatedRoute filesDavPropfind() {
		return IsolatedRoute.appPassword("PROPFIND", "/dav/files/{accountId}/", "files");
	}

	// a group's space is addressed by the group's id too: another school's group must answer like any unknown name
	@Bean
	IsolatedRoute filesDavGroupSpace() {
		return IsolatedRoute.appPassword("PROPFIND", "/dav/spaces/{groupId}/", "files");
	}

	@Bean
	IsolatedRoute filesDavGet() {
		return IsolatedRoute.appPassword("GET", "/dav/files/{accountId}/", "files");
	}
}
