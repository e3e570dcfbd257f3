package de.schulhaus.blobs;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Bytes stored per school and per account or group space, summed from the rows: what quotas read. */
@Service
public class BlobUsage {

	private final JdbcClient jdbc;

	BlobUsage(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Everything the school's blobs take, its spaces included. */
	public long bytesUsed(UUID schoolId) {
		return jdbc.sql("select coalesce(sum(size_bytes), 0) from stored_blob where school_id = :school")
			.param("school", schoolId).query(Long.class).single();
	}

	/** What counts against exactly this owner: a space, or the school's own content outside any space. */
	public long bytesUsed(BlobOwner owner) {
		if (owner.schoolId() == null) {
			return jdbc.sql("select coalesce(sum(size_bytes), 0) from stored_blob where school_id is null").query(Long.class).single();
		}
		if (owner.kind() == null) {
			return jdbc.sql("select coalesce(sum(size_bytes), 0) from stored_blob where school_id = :school and owner_kind is null")
				.param("school", owner.schoolId()).query(Long.class).single();
		}
		return jdbc.sql("select coalesce(sum(size_bytes), 0) from stored_blob "
				+ "where school_id = :school and owner_kind = :kind and owner_id = :owner")
			.param("school", owner.schoolId()).param("kind", owner.kind().column()).param("owner", owner.ownerId())
			.query(Long.class).single();
	}
}
