package de.schulhaus.files.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Names a folder or file may have: ones that Windows, macOS and Linux clients can all store, so that a
 * synced copy never fails on one of them. Refusals say why.
 */
public final class FileNames {

	static final int MAX_BYTES = 255;
	private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6",
			"COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
	private static final String FORBIDDEN = ":*?\"<>|\\/";

	private FileNames() {
	}

	/**
	 * The name, or "name (2).ext", "name (3).ext", … whichever is first free: for what comes back from
	 * the trash and what people drop into an upload-only link, so that nothing replaces another's file.
	 */
	public static String free(String name, java.util.function.Predicate<String> taken) {
		for (int n = 1;; n++) {
			String candidate = numbered(name, n);
			if (!taken.test(candidate)) {
				return candidate;
			}
		}
	}

	/** The {@code n}th name {@link #free} tries: the name itself for 1, else "name (n).ext". */
	static String numbered(String name, int n) {
		if (n == 1) {
			return name;
		}
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name;
		String extension = dot > 0 ? name.substring(dot) : "";
		return stem + " (" + n + ")" + extension;
	}

	static void check(String name) {
		if (name.isBlank()) {
			throw new FileNameRefused("A name cannot be empty.", "files.name.empty");
		}
		if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw new FileNameRefused("The name is longer than " + MAX_BYTES + " bytes.", "files.name.tooLong", MAX_BYTES);
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c < 0x20 || c == 0x7f || FORBIDDEN.indexOf(c) >= 0) {
				throw new FileNameRefused("The name contains a character Windows cannot store: one of : * ? \" < > | \\ / or a control character.",
						"files.name.character");
			}
		}
		if (name.endsWith(".") || name.endsWith(" ")) {
			throw new FileNameRefused("The name ends in a dot or a space, which Windows cannot store.", "files.name.trailing");
		}
		int dot = name.indexOf('.');
		String stem = (dot < 0 ? name : name.substring(0, dot)).trim().toUpperCase(Locale.ROOT);
		if (RESERVED.contains(stem)) {
			throw new FileNameRefused("The name " + stem + " is reserved on Windows.", "files.name.reserved", stem);
		}
	}
}
