package de.schulhaus.platform.web;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.Role;

/** The platform's own tool in the sidebar: the school admin's switches for the apps. */
@Configuration
class PlatformTiles {

	@Bean
	AppTile appSettingsTile() {
		return AppTile.tool("apps", "apps.app", "layout-grid", "/verwaltung/apps", 84, Set.of(Role.SCHOOL_ADMIN));
	}
}
