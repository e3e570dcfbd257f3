package de.schulhaus.accounts.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How much one roster file may hold, so that a hostile or broken upload is refused before it fills the
 * memory of the node. The same limits apply to the web upload and to the API.
 *
 * @param maxUpload the uploaded file as sent (413 beyond it)
 * @param maxUnpacked all bytes that come out of a ZIP, XLSX or ODS file while it is read (422 beyond it)
 * @param maxPersons persons in the file, counting rows with errors; groups are bounded by the same number and
 * memberships by ten per person (422 beyond it)
 * @param maxListedErrors row errors listed one by one; the others are only counted
 * @param maxFieldLength characters kept of one field; a longer field is an error of its row
 */
@ConfigurationProperties("schulhaus.imports")
public record ImportLimits(DataSize maxUpload, DataSize maxUnpacked, int maxPersons, int maxListedErrors,
		int maxFieldLength) {

	static final int MEMBERSHIPS_PER_PERSON = 10;

	public ImportLimits {
		maxUpload = positive(maxUpload, DataSize.ofMegabytes(20));
		maxUnpacked = positive(maxUnpacked, DataSize.ofMegabytes(200));
		maxPersons = (maxPersons > 0) ? maxPersons : 100_000;
		maxListedErrors = (maxListedErrors > 0) ? maxListedErrors : 1_000;
		maxFieldLength = (maxFieldLength > 0) ? maxFieldLength : 200;
	}

	/** The defaults: 20 MB uploaded, 200 MB unpacked, 100,000 persons, 1,000 listed errors, 200 characters. */
	public static ImportLimits defaults() {
		return new ImportLimits(null, null, 0, 0, 0);
	}

	/** The upload limit as the import page shows it, e.g. "20 MB". */
	public String uploadSizeText() {
		return describe(this.maxUpload);
	}

	long maxMemberships() {
		return (long) this.maxPersons * MEMBERSHIPS_PER_PERSON;
	}

	/** A size as an admin reads it in a message: "20 MB", "512 KB". */
	static String describe(DataSize size) {
		long bytes = size.toBytes();
		if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
			return size.toMegabytes() + " MB";
		}
		return (bytes >= 1024) ? size.toKilobytes() + " KB" : bytes + " B";
	}

	private static DataSize positive(DataSize size, DataSize fallback) {
		return (size == null || size.toBytes() <= 0) ? fallback : size;
	}

}
