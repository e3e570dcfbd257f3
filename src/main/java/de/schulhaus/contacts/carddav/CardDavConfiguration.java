package de.schulhaus.contacts.carddav;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import de.schulhaus.accounts.ProtocolSecurity;
import de.schulhaus.accounts.Scope;
import de.schulhaus.contacts.internal.AddressBooks;
import de.schulhaus.contacts.internal.ContactCards;
import de.schulhaus.contacts.internal.Directory;
import de.schulhaus.dav.DavEngine;
import de.schulhaus.platform.IsolatedRoute;

/** CardDAV: its filter chain (app passwords of scope calendar, which covers CalDAV and CardDAV), its endpoint, its routes for the isolation test. */
@Configuration
class CardDavConfiguration {

	@Bean
	@Order(ProtocolSecurity.ORDER)
	SecurityFilterChain cardDavChain(HttpSecurity http, ProtocolSecurity protocols) throws Exception {
		return protocols.chain(http, "Schulhaus Adressbuch", Scope.CALENDAR, "carddav", "/carddav", "/carddav/**", CardDavEndpoint.WELL_KNOWN,
				CardDavEndpoint.WELL_KNOWN + "/");
	}

	@Bean
	SimpleUrlHandlerMapping cardDavMapping(DavEngine engine, AddressBooks books, ContactCards cards, Directory directory) {
		CardDavEndpoint endpoint = new CardDavEndpoint(engine, books, cards, directory);
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/carddav", endpoint, CardDavEndpoint.ROOT + "**", endpoint,
				CardDavEndpoint.WELL_KNOWN, endpoint, CardDavEndpoint.WELL_KNOWN + "/", endpoint));
		// before the controllers' mapping, which would answer OPTIONS and unknown methods itself
		mapping.setOrder(-1);
		return mapping;
	}

	// the home is addressed by sign-in: another school's person in that place answers like any unknown name
	@Bean
	IsolatedRoute cardDavHome() {
		return IsolatedRoute.appPassword("PROPFIND", "/carddav/{accountId}/", "calendar");
	}

	@Bean
	IsolatedRoute cardDavDirectory() {
		return IsolatedRoute.appPassword("PROPFIND", "/carddav/{accountId}/schule/", "calendar");
	}
}
