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

	/** One result: a title, a line of detail and where it leads. */
	record SearchHit(String title, String detail, String href) {
	}
}
