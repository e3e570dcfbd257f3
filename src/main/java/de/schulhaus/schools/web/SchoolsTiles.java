package de.schulhaus.schools.web;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.Role;

@Configuration
class SchoolsTiles {

	@Bean
	AppTile operatorSchoolsTile() {
		return AppTile.tool("schools", "schools.app", "building-2", "/betrieb/schulen", 90, Set.of(Role.OPERATOR));
	}

	@Bean
	AppTile quotasTile() {
		return AppTile.tool("quotas", "schools.quotas", "hard-drive", "/verwaltung/speicher", 85, Set.of(Role.SCHOOL_ADMIN));
	}
}
