package de.schulhaus.contacts.web;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.Role;

/** The address book setting among the school admin's tools. */
@Configuration
class ContactsWebConfiguration {

	@Bean
	AppTile contactsSettingsTile() {
		return AppTile.tool("contacts-settings", "contacts.settings.title", "book-user", "/verwaltung/adressbuch", 87, Set.of(Role.SCHOOL_ADMIN));
	}
}
