package de.schulhaus.accounts.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The cost an argon2id hash (a PHC string) was made with. */
record Argon2Cost(int memoryKib, int iterations, int parallelism) {

	private static final Pattern PARAMETERS = Pattern.compile("^\\$argon2id\\$v=\\d+\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,3})\\$");

	/** The hash's cost, or empty when it is no argon2id hash. */
	static Optional<Argon2Cost> of(String encoded) {
		Matcher m = encoded == null ? null : PARAMETERS.matcher(encoded);
		if (m == null || !m.find()) {
			return Optional.empty();
		}
		return Optional.of(new Argon2Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
	}

	/** Whether a hash of this cost should be made again with the configured one. */
	boolean cheaperThan(int configuredMemoryKib, int configuredIterations) {
		return memoryKib < configuredMemoryKib || iterations < configuredIterations;
	}
}
