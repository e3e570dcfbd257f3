package de.schulhaus.accounts.imports;

import org.springframework.util.unit.DataSize;

/** The uploaded file is larger than {@link ImportLimits#maxUpload()}; nothing of it is kept. */
public class UploadTooLargeException extends ImportLimitException {

	private static final long serialVersionUID = 1L;

	public UploadTooLargeException(DataSize limit) {
		super("import.error.uploadTooLarge", ImportLimits.describe(limit));
	}

}
