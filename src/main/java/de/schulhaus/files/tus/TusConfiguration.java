package de.schulhaus.files.tus;

import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import de.schulhaus.accounts.ProtocolSecurity;
import de.schulhaus.accounts.Scope;
import de.schulhaus.files.internal.FileUploads;
import de.schulhaus.platform.IsolatedRoute;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resumable uploads (tus) for the files module: one filter chain for both callers, the web UI's
 * scripts with the person's session and CSRF token, and programs with an app password of scope
 * files; the endpoint; its routes for the isolation test.
 */
@Configuration
class TusConfiguration {

	@Bean
	@Order(ProtocolSecurity.UNDER_API_ORDER)
	SecurityFilterChain filesUploadChain(HttpSecurity http, ProtocolSecurity protocols) throws Exception {
		return protocols.sessionOrAppPasswordChain(http, "Schulhaus Dateien", Scope.FILES, "tus", TusEndpoint.ROOT, TusEndpoint.ROOT + "/**");
	}

	@Bean
	SimpleUrlHandlerMapping filesUploadMapping(FileUploads uploads, MessageSource messages, JsonMapper json) {
		TusEndpoint endpoint = new TusEndpoint(uploads, new TusProblems(messages, json));
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of(TusEndpoint.ROOT, endpoint, TusEndpoint.ROOT + "/**", endpoint));
		// before the controllers' mapping, which would answer OPTIONS itself
		mapping.setOrder(-1);
		return mapping;
	}

	@Bean
	IsolatedRoute filesUploadHead() {
		return IsolatedRoute.appPassword("HEAD", TusEndpoint.ROOT + "/{fileUploadId}", "files");
	}

	@Bean
	IsolatedRoute filesUploadPatch() {
		return IsolatedRoute.appPassword("PATCH", TusEndpoint.ROOT + "/{fileUploadId}", "files");
	}

	@Bean
	IsolatedRoute filesUploadDelete() {
		return IsolatedRoute.web("DELETE", TusEndpoint.ROOT + "/{fileUploadId}");
	}
}
