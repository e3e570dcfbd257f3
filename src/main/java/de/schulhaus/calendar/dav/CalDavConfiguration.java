package de.schulhaus.calendar.dav;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import de.schulhaus.accounts.ProtocolSecurity;
import de.schulhaus.accounts.Scope;
import de.schulhaus.calendar.internal.CalendarObjects;
import de.schulhaus.calendar.internal.CalendarProperties;
import de.schulhaus.calendar.internal.Calendars;
import de.schulhaus.dav.DavEngine;
import de.schulhaus.platform.IsolatedRoute;

/** CalDAV: its filter chain (app passwords of scope calendar), its endpoint, its routes for the isolation test. */
@Configuration
class CalDavConfiguration {

	@Bean
	@Order(ProtocolSecurity.ORDER)
	SecurityFilterChain calDavChain(HttpSecurity http, ProtocolSecurity protocols) throws Exception {
		return protocols.chain(http, "Schulhaus Kalender", Scope.CALENDAR, "caldav", "/caldav", "/caldav/**", CalDavEndpoint.WELL_KNOWN,
				CalDavEndpoint.WELL_KNOWN + "/");
	}

	@Bean
	SimpleUrlHandlerMapping calDavMapping(DavEngine engine, Calendars calendars, CalendarObjects objects, CalendarProperties properties,
			de.schulhaus.calendar.internal.Scheduling scheduling, de.schulhaus.calendar.internal.BusyTimes busy,
			de.schulhaus.calendar.internal.FreeBusyLookup freeBusy) {
		CalDavEndpoint endpoint = new CalDavEndpoint(engine, new CalDavServices(calendars, objects, properties, scheduling, busy, freeBusy));
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/caldav", endpoint, CalDavEndpoint.ROOT + "**", endpoint,
				CalDavEndpoint.WELL_KNOWN, endpoint, CalDavEndpoint.WELL_KNOWN + "/", endpoint));
		// before the controllers' mapping, which would answer OPTIONS and unknown methods itself
		mapping.setOrder(-1);
		return mapping;
	}

	// the home is addressed by sign-in: another school's person in that place answers like any unknown name
	@Bean
	IsolatedRoute calDavHome() {
		return IsolatedRoute.appPassword("PROPFIND", "/caldav/{accountId}/", "calendar");
	}

	// an event of a calendar of another school (a group's calendar has the group's id) moves and copies like a missing one
	@Bean
	IsolatedRoute calDavMove() {
		return IsolatedRoute.appPassword("MOVE", "/caldav/{accountId}/{calendarId}/a.ics", "calendar");
	}

	@Bean
	IsolatedRoute calDavCopy() {
		return IsolatedRoute.appPassword("COPY", "/caldav/{accountId}/{calendarId}/a.ics", "calendar");
	}

	// a free/busy request to another school's person's outbox answers like one nobody has
	@Bean
	IsolatedRoute calDavOutbox() {
		return IsolatedRoute.appPassword("POST", "/caldav/{accountId}/outbox/", "calendar");
	}
}
