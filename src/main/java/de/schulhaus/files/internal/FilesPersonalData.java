package de.schulhaus.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.blobs.BlobStore;
import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.PersonalDataExport;
import de.schulhaus.platform.PersonalDataProvider;
import de.schulhaus.platform.SchulhausUser;

/** A person's own files in their data export (the files themselves and a list), and erased with the account. */
@Component
class FilesPersonalData implements PersonalDataProvider {

	private final JdbcClient jdbc;
	private final BlobStore blobs;
	private final SpaceRemoval removal;

	FilesPersonalData(JdbcClient jdbc, BlobStore blobs, SpaceRemoval removal) {
		this.jdbc = jdbc;
		this.blobs = blobs;
		this.removal = removal;
	}

	@Override
	public String section() {
		return "dateien";
	}

	@Override
	public String titleKey() {
		return "files.personalData.section";
	}

	@Override
	public int order() {
		return 100;
	}

	/** One line of the list: where the file was, its size and times. */
	record ExportedFile(String path, long size, String contentType, Instant created, Instant modified) {
	}

	@Override
	public void export(DataSubject person, PersonalDataExport export) throws IOException {
		if (person.schoolId() == null) {
			return;
		}
		Map<UUID, Row> rows = new HashMap<>();
		jdbc.sql("select id, parent_id, name, blob_id, size_bytes, content_type, created_at, modified_at from file_node "
				+ "where school_id = :school and owner_id = :owner")
			.param("school", person.schoolId()).param("owner", person.accountId())
			.query((java.sql.ResultSet rs) -> {
				rows.put(rs.getObject(1, UUID.class), new Row(rs.getObject(2, UUID.class), rs.getString(3), rs.getObject(4, UUID.class),
						rs.getLong(5), rs.getString(6), rs.getObject(7, java.time.OffsetDateTime.class).toInstant(),
						rs.getObject(8, java.time.OffsetDateTime.class).toInstant()));
			});
		List<ExportedFile> list = new ArrayList<>();
		for (Row row : rows.values()) {
			if (row.blob() == null) {
				continue;
			}
			String path = path(row, rows);
			list.add(new ExportedFile(path, row.size(), row.type(), row.created(), row.modified()));
			try (InputStream in = blobs.open(row.blob()).orElse(InputStream.nullInputStream())) {
				export.file("Meine Dateien/" + path, PersonalDataProvider.text("files.personalData.file"), in);
			}
		}
		export.json("dateien.json", PersonalDataProvider.text("files.personalData.list"), list);
	}

	@Override
	public Erasure erase(DataSubject person, SchulhausUser actor) {
		if (person.schoolId() == null) {
			return new Erasure(List.of(), List.of());
		}
		long[] removed = removal.removeSpaces(person.schoolId(), List.of(person.accountId()));
		return new Erasure(List.of(PersonalDataProvider.text("files.personalData.erased", removed[0], removed[1])), List.of());
	}

	private static String path(Row row, Map<UUID, Row> rows) {
		StringBuilder path = new StringBuilder(row.name());
		Row at = rows.get(row.parent());
		// the root has no name and no parent
		while (at != null && at.parent() != null) {
			path.insert(0, at.name() + "/");
			at = rows.get(at.parent());
		}
		return path.toString();
	}

	record Row(UUID parent, String name, UUID blob, long size, String type, Instant created, Instant modified) {
	}
}
