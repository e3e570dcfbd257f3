package de.schulhaus.calendar.web;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.Role;

/** The "Kalender" app in the sidebar, for everyone of a school. */
@Configuration
class CalendarWebConfiguration {

	@Bean
	AppTile calendarTile() {
		return AppTile.app("calendar", "calendar.app", "calendar", "/kalender", 30,
				Set.of(Role.SCHOOL_ADMIN, Role.TEACHER, Role.STAFF, Role.PUPIL, Role.EXTERN));
	}
}
