package de.schulhaus.accounts.imports;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Refuses to start when the web server's own limits are below the import's upload limit: the multipart parser
 * would then refuse a roster file the import accepts, with a bare error instead of the import's message, and a
 * small swallow size resets the connection of a refused upload before the client reads the answer.
 */
@Component
class UploadLimitsCheck {

	UploadLimitsCheck(ImportLimits limits, Environment environment) {
		// Spring Boot's and Tomcat's defaults where nothing is set
		require(environment, "spring.servlet.multipart.max-file-size", "SCHULHAUS_MULTIPART_MAX_FILE_SIZE",
				DataSize.ofMegabytes(1), limits);
		require(environment, "spring.servlet.multipart.max-request-size", "SCHULHAUS_MULTIPART_MAX_REQUEST_SIZE",
				DataSize.ofMegabytes(10), limits);
		require(environment, "server.tomcat.max-swallow-size", "SCHULHAUS_MAX_SWALLOW_SIZE", DataSize.ofMegabytes(2),
				limits);
	}

	private static void require(Environment environment, String property, String variable, DataSize fallback,
			ImportLimits limits) {
		DataSize size = environment.getProperty(property, DataSize.class, fallback);
		// a negative size means no limit
		if (size.toBytes() >= 0 && size.toBytes() < limits.maxUpload().toBytes()) {
			throw new IllegalStateException(property + " (" + variable + ") is " + size.toMegabytes()
					+ " MB, below schulhaus.imports.max-upload (SCHULHAUS_IMPORT_MAX_UPLOAD) of "
					+ ImportLimits.describe(limits.maxUpload()) + ": raise it to at least that.");
		}
	}

}
