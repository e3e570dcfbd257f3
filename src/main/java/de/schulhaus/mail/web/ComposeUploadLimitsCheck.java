package de.schulhaus.mail.web;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import de.schulhaus.mail.internal.MailPolicies;

/**
 * Refuses to start when the web server's multipart limits are below the largest message a school may allow
 * ({@link MailPolicies#MAX_MESSAGE_MB}): the parser would cut a file the school's rules accept with a bare error,
 * before the compose page could say in German how large a message may be.
 */
@Component
class ComposeUploadLimitsCheck {

	static final DataSize LARGEST_MESSAGE = DataSize.ofMegabytes(MailPolicies.MAX_MESSAGE_MB);

	ComposeUploadLimitsCheck(Environment environment) {
		// Spring Boot's defaults where nothing is set
		require(environment, "spring.servlet.multipart.max-file-size", "SCHULHAUS_MULTIPART_MAX_FILE_SIZE", DataSize.ofMegabytes(1));
		require(environment, "spring.servlet.multipart.max-request-size", "SCHULHAUS_MULTIPART_MAX_REQUEST_SIZE", DataSize.ofMegabytes(10));
	}

	private static void require(Environment environment, String property, String variable, DataSize fallback) {
		DataSize size = environment.getProperty(property, DataSize.class, fallback);
		// a negative size means no limit
		if (size.toBytes() >= 0 && size.toBytes() < LARGEST_MESSAGE.toBytes()) {
			throw new IllegalStateException(property + " (" + variable + ") is " + size.toMegabytes() + " MB, below the largest mail message a "
					+ "school may allow (" + LARGEST_MESSAGE.toMegabytes() + " MB): raise it to at least that.");
		}
	}
}
