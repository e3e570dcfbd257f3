package de.schulhaus.platform.web;

import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Each module keeps its texts in {@code i18n/<module>_de.properties} and {@code _en.properties}
 * without a language-less base file (Boot's auto-configuration would want one); German is the
 * fallback for any other language.
 */
@Configuration
class MessagesConfig {

	@Bean
	MessageSource messageSource(@Value("${spring.messages.basename}") String[] basenames) {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames(basenames);
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		source.setDefaultLocale(Locale.GERMAN);
		return source;
	}
}
