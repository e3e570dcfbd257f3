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
import de.schulhaus.files.internal.Spaces;
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
	SimpleUrlHandlerMapping filesDavMapping(DavEngine engine, Spaces spaces) {
		FilesDavEndpoint endpoint = new FilesDavEndpoint(engine, spaces);
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of(FilesDavEndpoint.ROOT + "**", endpoint,
				"/dav/spaces", endpoint, FilesDavEndpoint.SPACES + "**", endpoint));
		// before the controllers' mapping, which would answer OPTIONS and unknown methods itself
		mapping.setOrder(-1);
		return mapping;
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
