package de.schulhaus.accounts.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One problem in the input. The rest of the file is still read, so a user sees all problems at once.
 *
 * @param row 1-based data row (header = row 1, so the first data row is 2), the person ordinal in a SchILD
 * file, or {@code null} when the problem has no row
 * @param sourceId the source id the problem belongs to, or {@code null}
 * @param messageKey a key in {@code i18n/imports_*.properties}
 * @param args the {0}, {1} ... arguments of the message
 */
public record RowError(Integer row, String sourceId, String messageKey, List<Object> args) {

	public RowError {
		args = RowError.safeArgs(args);
	}

	static RowError of(Integer row, String sourceId, String messageKey, Object... args) {
		return new RowError(row, sourceId, messageKey, Arrays.asList(args));
	}

	// List.copyOf rejects nulls; a missing value should still render as an empty argument, not fail the import.
	static List<Object> safeArgs(List<Object> args) {
		if (args == null || args.isEmpty()) {
			return List.of();
		}
		List<Object> copy = new ArrayList<>(args.size());
		for (Object arg : args) {
			copy.add((arg != null) ? arg : "");
		}
		return Collections.unmodifiableList(copy);
	}

}
