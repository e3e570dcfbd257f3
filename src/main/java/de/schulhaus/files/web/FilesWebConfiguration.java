package de.schulhaus.files.web;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.IsolatedRoute;
import de.schulhaus.platform.Role;

/** The "Dateien" app in the sidebar, and the browser's routes for the tenant-isolation test. */
@Configuration
class FilesWebConfiguration {

	@Bean
	AppTile filesTile() {
		return AppTile.app("files", "files.app", "folder", FileLocation.ROOT, 20,
				Set.of(Role.SCHOOL_ADMIN, Role.TEACHER, Role.STAFF, Role.PUPIL, Role.EXTERN));
	}

	@Bean
	AppTile filesSettingsTile() {
		return AppTile.tool("files-settings", "files.settings.title", "folder-cog", "/verwaltung/dateien", 86, Set.of(Role.SCHOOL_ADMIN));
	}

	@Bean
	IsolatedRoute filesRestoreFromForeignTrash() {
		return IsolatedRoute.web("POST", "/dateien/{groupId}/papierkorb/wiederherstellen?eintrag={accountId}");
	}

	@Bean
	IsolatedRoute filesPurgeFromForeignTrash() {
		return IsolatedRoute.web("POST", "/dateien/{groupId}/papierkorb/loeschen?eintrag={accountId}");
	}

	@Bean
	IsolatedRoute filesVersionOfForeignGroup() {
		return IsolatedRoute.web("GET", "/dateien/{groupId}/version?pfad=/a.txt&version={accountId}");
	}

	// A space holds no ids in its paths: another school's person's id as a folder name of one's own space,
	// and another school's group as a space key, must both answer like a name nobody has.
	@Bean
	IsolatedRoute filesFolderWithForeignName() {
		return IsolatedRoute.web("GET", "/dateien/meine?pfad=/{accountId}");
	}

	@Bean
	IsolatedRoute filesDownloadWithForeignName() {
		return IsolatedRoute.web("GET", "/dateien/meine/download?pfad=/{accountId}/{groupId}");
	}

	@Bean
	IsolatedRoute filesZipOfForeignGroup() {
		return IsolatedRoute.web("GET", "/dateien/{groupId}/zip");
	}

	@Bean
	IsolatedRoute filesUploadIntoForeignGroup() {
		return IsolatedRoute.web("PUT", "/dateien/{groupId}/hochladen?pfad=/a.txt");
	}

	@Bean
	IsolatedRoute filesDeleteInForeignGroup() {
		return IsolatedRoute.web("POST", "/dateien/{groupId}/loeschen?auswahl={accountId}");
	}
}
