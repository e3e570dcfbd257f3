package de.schulhaus.platform;

import java.util.List;

/**
 * Contributes hits to the global search in the top bar. Each module searches what it owns and
 * decides what the person may see.
 */
public interface SearchProvider {

	/** Message key of the section heading, e.g. "accounts.search.people". */
	String sectionKey();

	List<SearchHit> search(SchulhausUser user, String query, int limit);

	/** The {@link AppTile#key()} of the app whose things it finds: not asked where the app is switched off. */
	default String appKey() {
		return null;
	}

	/** One result: a title, a line of detail and where it leads. */
	record SearchHit(String title, String detail, String href) {
	}
}
