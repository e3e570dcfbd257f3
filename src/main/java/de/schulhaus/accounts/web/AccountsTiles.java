package de.schulhaus.accounts.web;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.Role;

/** The admin apps of this module in the sidebar. */
@Configuration
class AccountsTiles {

	@Bean
	AppTile peopleTile() {
		return AppTile.tool("people", "accounts.app.people", "users", "/verwaltung/personen", 80, Set.of(Role.SCHOOL_ADMIN));
	}

	@Bean
	AppTile groupsTile() {
		return AppTile.tool("groups", "accounts.app.groups", "users-round", "/verwaltung/gruppen", 81, Set.of(Role.SCHOOL_ADMIN));
	}

	@Bean
	AppTile importTile() {
		return AppTile.tool("import", "accounts.app.import", "upload", "/verwaltung/import", 82, Set.of(Role.SCHOOL_ADMIN));
	}

	@Bean
	AppTile schoolAuditTile() {
		return AppTile.tool("audit", "accounts.app.audit", "scroll-text", "/verwaltung/protokoll", 83, Set.of(Role.SCHOOL_ADMIN));
	}

	@Bean
	AppTile operatorAuditTile() {
		return AppTile.tool("audit-all", "accounts.app.audit", "scroll-text", "/betrieb/protokoll", 91, Set.of(Role.OPERATOR));
	}
}
