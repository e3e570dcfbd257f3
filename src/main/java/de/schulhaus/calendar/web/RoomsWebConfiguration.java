package de.schulhaus.calendar.web;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.Role;

/** "Räume" in the sidebar for everyone of a school, and the admins' tool to keep them. */
@Configuration
class RoomsWebConfiguration {

	@Bean
	AppTile roomsTile() {
		return AppTile.app("rooms", "calendar.rooms.app", "door-open", "/kalender/raeume", 32,
				Set.of(Role.SCHOOL_ADMIN, Role.TEACHER, Role.STAFF, Role.PUPIL, Role.EXTERN));
	}

	@Bean
	AppTile calendarSettingsTile() {
		return AppTile.tool("calendar-settings", "calendar.settings.title", "calendar-cog", "/verwaltung/kalender", 88, Set.of(Role.SCHOOL_ADMIN));
	}

	@Bean
	AppTile roomsAdminTile() {
		return AppTile.tool("rooms-admin", "calendar.rooms.admin.title", "door-closed", "/verwaltung/raeume", 87, Set.of(Role.SCHOOL_ADMIN));
	}
}
