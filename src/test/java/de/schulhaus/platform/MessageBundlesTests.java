package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import de.schulhaus.platform.web.MessageBundles;

/**
 * German and English are complete: no key is missing in one language, in every bundle the
 * application finds (the same discovery as its message source), and no key is in two bundles.
 */
class MessageBundlesTests {

	private final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();

	@Test
	void everyGermanKeyHasAnEnglishTextAndBack() throws IOException {
		List<String> bundles = MessageBundles.basenames(resources);
		assertThat(bundles).contains("i18n/platform", "i18n/schools", "i18n/accounts", "i18n/imports");
		for (String bundle : bundles) {
			Set<String> deKeys = keys(bundle + "_de.properties");
			Set<String> enKeys = keys(bundle + "_en.properties");
			Set<String> missingInEnglish = new TreeSet<>(deKeys);
			missingInEnglish.removeAll(enKeys);
			Set<String> missingInGerman = new TreeSet<>(enKeys);
			missingInGerman.removeAll(deKeys);
			assertThat(missingInEnglish).as("keys of %s missing in English", bundle).isEmpty();
			assertThat(missingInGerman).as("keys of %s missing in German", bundle).isEmpty();
		}
	}

	@Test
	void aModulesBundleIsFoundWithoutConfiguration() {
		// src/test/resources/i18n/sample_*.properties: listed nowhere, found all the same
		assertThat(MessageBundles.basenames(resources)).contains("i18n/sample");
	}

	/** The bundles are searched in no particular order, so a key in two of them would be a lottery. */
	@Test
	void noKeyIsInTwoBundles() throws IOException {
		Map<String, String> owner = new HashMap<>();
		for (String bundle : MessageBundles.basenames(resources)) {
			for (String key : keys(bundle + "_de.properties")) {
				String other = owner.putIfAbsent(key, bundle);
				assertThat(other).as("key %s is in %s and in %s", key, other, bundle).isNull();
			}
		}
	}

	private Set<String> keys(String path) throws IOException {
		Resource[] found = resources.getResources("classpath*:" + path);
		assertThat(found).as(path).hasSize(1);
		Properties p = new Properties();
		try (var reader = new InputStreamReader(found[0].getInputStream(), StandardCharsets.UTF_8)) {
			p.load(reader);
		}
		return new TreeSet<>(p.stringPropertyNames());
	}
}
