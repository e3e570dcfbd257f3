package de.schulhaus.platform.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The message bundles on the classpath, found by convention: every {@code i18n/<name>_de.properties}
 * is a bundle (with its {@code _en} twin), so a module's texts are found without listing them
 * anywhere. {@code MessageBundlesTests} checks the same bundles for keys missing in one language.
 */
public final class MessageBundles {

	/** Where the German files of all bundles are, in every jar and folder of the classpath. */
	public static final String GERMAN_FILES = "classpath*:i18n/*_de.properties";
	private static final String SUFFIX = "_de.properties";

	private MessageBundles() {
	}

	/** The bundles' base names ({@code i18n/accounts}, ...), sorted, each once. */
	public static List<String> basenames(ResourcePatternResolver resources) {
		try {
			return java.util.Arrays.stream(resources.getResources(GERMAN_FILES))
				.map(Resource::getFilename)
				.filter(Objects::nonNull)
				.map(name -> "i18n/" + name.substring(0, name.length() - SUFFIX.length()))
				.distinct()
				.sorted()
				.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot list the message bundles", e);
		}
	}
}
