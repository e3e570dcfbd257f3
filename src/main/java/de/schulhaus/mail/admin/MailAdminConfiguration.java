package de.schulhaus.mail.admin;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.Role;

/** The school's mail addresses and rules among the school admin's tools. */
@Configuration
class MailAdminConfiguration {

	@Bean
	AppTile mailAdminTile() {
		return AppTile.tool("mail-admin", "mail.admin.title", "at-sign", "/verwaltung/mail", 89, Set.of(Role.SCHOOL_ADMIN));
	}
}
