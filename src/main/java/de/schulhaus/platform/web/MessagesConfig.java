package de.schulhaus.platform.web;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Each module keeps its texts in {@code i18n/<module>_de.properties} and {@code _en.properties}
 * without a language-less base file (Boot's auto-configuration would want one); German is the
 * fallback for any other language. The bundles are found at start-up ({@link MessageBundles}), so a
 * new module's texts need no configuration. A key belongs to one bundle (its module's prefix).
 */
@Configuration
class MessagesConfig {

	private static final Logger log = LoggerFactory.getLogger(MessagesConfig.class);

	@Bean
	MessageSource messageSource() {
		List<String> basenames = MessageBundles.basenames(new PathMatchingResourcePatternResolver(MessagesConfig.class.getClassLoader()));
		log.debug("Message bundles: {}", basenames);
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames(basenames.toArray(String[]::new));
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		source.setDefaultLocale(Locale.GERMAN);
		return source;
	}
}
