package de.schulhaus.platform;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.context.MessageSourceResolvable;

/**
 * Where a {@link PersonalDataProvider} writes its part of a person's data export: files in the
 * section's folder of one ZIP, streamed as they are written. Each file gets a description for the
 * export's cover note, which tells the person what the file is.
 */
public interface PersonalDataExport {

	/**
	 * Writes {@code value} (records, lists, maps) as JSON to {@code name} in the section's folder.
	 *
	 * @param name file name, may contain folders ({@code nachrichten/2026.json}); no {@code ..}
	 */
	void json(String name, MessageSourceResolvable description, Object value) throws IOException;

	/** Copies an original file as it is (an upload, an attachment) to {@code name} in the section's folder. */
	void file(String name, MessageSourceResolvable description, InputStream content) throws IOException;
}
