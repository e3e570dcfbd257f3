package de.schulhaus.files.dav;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import de.schulhaus.accounts.ProtocolSecurity;
import de.schulhaus.accounts.Scope;
import de.schulhaus.dav.DavEngine;
import de.schulhaus.files.internal.PersonalSpaces;
import de.schulhaus.platform.IsolatedRoute;

/** WebDAV for the files module: its filter chain (app passwords of scope files), its endpoint, its routes for the isolation test. */
@Configuration
class FilesDavConfiguration {

	@Bean
	@Order(ProtocolSecurity.ORDER)
	SecurityFilterChain filesDavChain(HttpSecurity http, ProtocolSecurity protocols) throws Exception {
		return protocols.chain(http, "Schulhaus Dateien", Scope.FILES, "webdav", "/dav/**");
	}

	@Bean
	SimpleUrlHandlerMapping filesDavMapping(DavEngine engine, PersonalSpaces spaces) {
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of(FilesDavEndpoint.ROOT + "**", new FilesDavEndpoint(engine, spaces)));
		// before the controllers' mapping, which would answer OPTIONS and unknown methods itself
		mapping.setOrder(-1);
		return mapping;
	}

	// the space is addressed by sign-in, not by id: another school's person's id in that place must answer like any unknown name
	@Bean
	IsolatedRoute filesDavPropfind() {
		return IsolatedRoute.appPassword("PROPFIND", "/dav/files/{accountId}/", "files");
	}

	@Bean
	IsolatedRoute filesDavGet() {
		return IsolatedRoute.appPassword("GET", "/dav/files/{accountId}/", "files");
	}
}
