package de.schulhaus.files.tus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tus {@code Upload-Metadata} header: comma-separated pairs of a key (ASCII, no spaces or commas)
 * and a Base64-encoded value, which may be missing. Empty when the header cannot be read.
 */
final class UploadMetadata {

	private UploadMetadata() {
	}

	static Optional<Map<String, String>> parse(String header) {
		Map<String, String> pairs = new HashMap<>();
		if (header == null || header.isBlank()) {
			return Optional.of(pairs);
		}
		for (String pair : header.split(",", -1)) {
			String[] parts = pair.strip().split(" ", -1);
			if (parts.length > 2 || parts[0].isEmpty() || !parts[0].chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
				return Optional.empty();
			}
			String value;
			try {
				value = parts.length == 1 ? "" : new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException e) {
				return Optional.empty();
			}
			if (pairs.put(parts[0], value) != null) {
				return Optional.empty(); // keys are unique
			}
		}
		return Optional.of(pairs);
	}
}
