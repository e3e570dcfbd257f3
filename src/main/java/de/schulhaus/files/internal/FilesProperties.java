package de.schulhaus.files.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the files module keeps what people replaced or deleted.
 *
 * @param trashAge deleted files and folders stay this long in the trash, then the daily sweep purges them
 * @param versionsKept a file keeps at least its newest this many earlier versions ...
 * @param versionsAge ... and every earlier version younger than this; older ones beyond the count go
 */
@ConfigurationProperties("schulhaus.files")
public record FilesProperties(Duration trashAge, Integer versionsKept, Duration versionsAge) {

	public FilesProperties {
		trashAge = trashAge == null ? Duration.ofDays(30) : trashAge;
		versionsKept = versionsKept == null ? 20 : versionsKept;
		versionsAge = versionsAge == null ? Duration.ofDays(30) : versionsAge;
		if (versionsKept < 0 || trashAge.isNegative() || versionsAge.isNegative()) {
			throw new IllegalArgumentException("schulhaus.files: ages and counts are not negative");
		}
	}
}
