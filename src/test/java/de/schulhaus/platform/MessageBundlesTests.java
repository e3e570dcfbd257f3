package de.schulhaus.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** German and English are complete: no key is missing in one language. */
class MessageBundlesTests {

	@Test
	void everyGermanKeyHasAnEnglishTextAndBack() throws IOException {
		Resource[] german = new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*_de.properties");
		assertThat(german).hasSizeGreaterThanOrEqualTo(4);
		for (Resource de : german) {
			Resource en = de.createRelative(de.getFilename().replace("_de.properties", "_en.properties"));
			Set<String> deKeys = keys(de);
			Set<String> enKeys = keys(en);
			Set<String> missingInEnglish = new TreeSet<>(deKeys);
			missingInEnglish.removeAll(enKeys);
			Set<String> missingInGerman = new TreeSet<>(enKeys);
			missingInGerman.removeAll(deKeys);
			assertThat(missingInEnglish).as("keys of %s missing in English", de.getFilename()).isEmpty();
			assertThat(missingInGerman).as("keys of %s missing in German", de.getFilename()).isEmpty();
		}
	}

	private static Set<String> keys(Resource resource) throws IOException {
		Properties p = new Properties();
		try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
			p.load(reader);
		}
		return new TreeSet<>(p.stringPropertyNames());
	}
}
