package de.schulhaus.sample;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.BadgeProvider;
import de.schulhaus.platform.DashboardCard;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.SearchProvider;

/** Everything the sample module contributes, as a feature module would declare it. */
@Configuration
@ConditionalOnProperty("schulhaus.test.sample-module")
public class SampleModule {

	public static final String KEY = "sample";

	@Bean
	AppTile sampleTile() {
		return AppTile.app(KEY, "sample.app", "flask-conical", "/beispiel", 50, Set.of(Role.TEACHER, Role.STAFF, Role.PUPIL));
	}

	@Bean
	SampleBadges sampleBadges() {
		return new SampleBadges();
	}

	@Bean
	DashboardCard sampleCard() {
		return new DashboardCard() {
			@Override
			public String fragment() {
				return "sample/cards :: news";
			}

			@Override
			public int order() {
				return 50;
			}

			@Override
			public Optional<Map<String, Object>> model(SchulhausUser user) {
				return Optional.of(Map.of());
			}

			@Override
			public String appKey() {
				return KEY;
			}
		};
	}

	@Bean
	SearchProvider sampleSearch() {
		return new SearchProvider() {
			@Override
			public String sectionKey() {
				return "sample.search";
			}

			@Override
			public List<SearchHit> search(SchulhausUser user, String query, int limit) {
				return "experiment".contains(query.toLowerCase()) ? List.of(new SearchHit("Experiment 1", "", "/beispiel")) : List.of();
			}

			@Override
			public String appKey() {
				return KEY;
			}
		};
	}

	/** The counts the badge shows, set by the tests per person. */
	public static final class SampleBadges implements BadgeProvider {

		private final Map<UUID, Long> counts = new ConcurrentHashMap<>();

		public void set(UUID accountId, long count) {
			counts.put(accountId, count);
		}

		@Override
		public String appKey() {
			return KEY;
		}

		@Override
		public long count(SchulhausUser person) {
			return counts.getOrDefault(person.accountId(), 0L);
		}
	}
}
