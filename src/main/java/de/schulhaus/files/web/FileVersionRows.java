package de.schulhaus.files.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;

/** The earlier versions of a file as its details page lists them: when, how big, by whom, where to download. */
@Component
class FileVersionRows {

	private final AccountManagement accounts;

	FileVersionRows(AccountManagement accounts) {
		this.accounts = accounts;
	}

	/** Newest first; none for a folder. */
	List<Version> of(FileBrowserSpaces.Space space, DavPath path, DavResource file) {
		if (file.collection()) {
			return List.of();
		}
		var versions = space.repository().versions(path);
		PersonNames names = new PersonNames(accounts, space.space().schoolId(), versions.stream().map(v -> v.modifiedBy()).toList());
		String download = FileLocation.url(space.key(), "version", path);
		return versions.stream()
			.map(v -> new Version(v.id(), v.size(), v.modified(), names.of(v.modifiedBy()), download + "&version=" + v.id()))
			.toList();
	}

	/** A line of the versions list. */
	record Version(UUID id, long size, Instant modified, String modifiedBy, String href) {
	}
}
