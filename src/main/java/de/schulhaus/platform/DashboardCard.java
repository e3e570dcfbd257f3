package de.schulhaus.platform;

import java.util.Map;
import java.util.Optional;

/**
 * A card on the dashboard that a module fills for the signed-in person, rendered from the module's
 * own Thymeleaf fragment.
 */
public interface DashboardCard {

	/** Thymeleaf fragment, e.g. {@code accounts/cards :: groups}. */
	String fragment();

	int order();

	/** The model for the fragment, or empty when the card has nothing to show for this person. */
	Optional<Map<String, Object>> model(SchulhausUser user);

	/** The {@link AppTile#key()} of the app the card belongs to: not shown where the app is switched off. */
	default String appKey() {
		return null;
	}
}
