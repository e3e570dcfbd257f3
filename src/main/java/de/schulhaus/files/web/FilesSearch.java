package de.schulhaus.files.web;

import java.util.List;

import org.springframework.stereotype.Component;

import de.schulhaus.files.internal.FileSearch;
import de.schulhaus.files.internal.SpaceKind;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.SearchProvider;

/** Files and folders by name in the global search, from the spaces the person sees as a whole; a folder opens, a file shows its details. */
@Component
class FilesSearch implements SearchProvider {

	private final FileSearch search;

	FilesSearch(FileSearch search) {
		this.search = search;
	}

	@Override
	public String sectionKey() {
		return "files.search.section";
	}

	@Override
	public String appKey() {
		return "files";
	}

	@Override
	public List<SearchHit> search(SchulhausUser user, String query, int limit) {
		if (user == null || user.schoolId() == null) {
			return List.of();
		}
		return search.byName(user, query, limit).stream().map(hit -> {
			String key = FileBrowserSpaces.urlKey(hit.space());
			String where = (hit.space().kind() == SpaceKind.PERSONAL ? "" : hit.space().name()) + FileLocation.text(hit.path().parent());
			String href = hit.folder() ? FileLocation.url(key, null, hit.path()) : FileLocation.url(key, "details", hit.path());
			return new SearchHit(hit.path().name(), where, href);
		}).toList();
	}
}
