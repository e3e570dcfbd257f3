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
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import de.schulhaus.accounts.ProtocolSecurity;
import de.schulhaus.accounts.Scope;
import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.BadgeProvider;
import de.schulhaus.platform.DashboardCard;
import de.schulhaus.platform.IsolatedRoute;
import de.schulhaus.platform.Notifications;
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

	/** Holds back the pushes of its "quiet" notifications, as quiet hours would: they stay under the bell. */
	@Bean
	de.schulhaus.push.PushFilter sampleQuietPushes() {
		return (schoolId, people, notification) -> "sample.quiet".equals(notification.kind())
			? people.stream().map(de.schulhaus.accounts.Account::id).collect(java.util.stream.Collectors.toSet()) : java.util.Set.of();
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

	/** The module's own endpoint that parses its paths, like a WebDAV engine: no controller, no mapping the test could find. */
	@Bean
	SimpleUrlHandlerMapping sampleRawMapping(Notifications notifications) {
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(
				Map.of("/beispiel/roh/**", new NotificationText(notifications), "/beispiel-dav/**", new NotificationText(notifications)));
		mapping.setOrder(0);
		return mapping;
	}

	@Bean
	IsolatedRoute sampleRawRoute() {
		return IsolatedRoute.web("GET", "/beispiel/roh/{notificationId}");
	}

	@Bean
	IsolatedRoute sampleDavRoute() {
		return IsolatedRoute.appPassword("GET", "/beispiel-dav/{notificationId}", "files");
	}

	@Bean
	@Order(ProtocolSecurity.ORDER)
	SecurityFilterChain sampleDavChain(HttpSecurity http, ProtocolSecurity protocols) throws Exception {
		return protocols.chain(http, "Schulhaus Beispiel", Scope.FILES, "sample-dav", "/beispiel-dav/**");
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
