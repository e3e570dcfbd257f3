package de.schulhaus.blobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code blob_upload} rows of resumable uploads; lookups for a caller filter by school and owner. */
@Repository
class UploadRows {

	private static final String COLUMNS = "id, school_id, owner_kind, owner_id, length_bytes, offset_bytes, metadata, attached, expires_at";

	private final JdbcClient jdbc;

	UploadRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(ResumableUpload upload) {
		BlobOwner owner = upload.owner();
		jdbc.sql("insert into blob_upload (" + COLUMNS + ", created_at) "
				+ "values (:id, :school, :kind, :owner, :length, :offset, :metadata, :attached, :expires, :now)")
			.param("id", upload.id()).param("school", owner.schoolId()).param("kind", owner.kind().column()).param("owner", owner.ownerId())
			.param("length", upload.length()).param("offset", upload.offset()).param("metadata", upload.metadata())
			.param("attached", upload.attached()).param("expires", time(upload.expires())).param("now", time(Instant.now()))
			.update();
	}

	Optional<ResumableUpload> find(UUID id, BlobOwner owner, Instant now) {
		return jdbc.sql("select " + COLUMNS + " from blob_upload where id = :id and school_id = :school and owner_kind = :kind "
				+ "and owner_id = :owner and expires_at > :now")
			.param("id", id).param("school", owner.schoolId()).param("kind", owner.kind().column()).param("owner", owner.ownerId())
			.param("now", time(now))
			.query(UploadRows::upload).optional();
	}

	Optional<Long> offset(UUID id) {
		return jdbc.sql("select offset_bytes from blob_upload where id = :id").param("id", id).query(Long.class).optional();
	}

	/** Only ever called after an fsync of the bytes up to {@code offset}. */
	void moveOffset(UUID id, long offset, Instant expires) {
		jdbc.sql("update blob_upload set offset_bytes = :offset, expires_at = :expires where id = :id")
			.param("offset", offset).param("expires", time(expires)).param("id", id).update();
	}

	/** One conditional update: of two requests completing the same upload, only one gets true. */
	boolean claimForAttach(UUID id) {
		return jdbc.sql("update blob_upload set attached = true where id = :id and attached = false and offset_bytes = length_bytes")
			.param("id", id).update() == 1;
	}

	void delete(UUID id) {
		jdbc.sql("delete from blob_upload where id = :id").param("id", id).update();
	}

	/** Deletes the uploads of a space, or with {@code owner} null all of the school's; answers their ids. */
	List<UUID> deleteAll(UUID school, BlobOwner owner) {
		String where = owner == null ? "school_id = :school" : "school_id = :school and owner_kind = :kind and owner_id = :owner";
		var select = jdbc.sql("select id from blob_upload where " + where).param("school", school);
		var delete = jdbc.sql("delete from blob_upload where " + where).param("school", school);
		if (owner != null) {
			select = select.param("kind", owner.kind().column()).param("owner", owner.ownerId());
			delete = delete.param("kind", owner.kind().column()).param("owner", owner.ownerId());
		}
		List<UUID> ids = select.query(UUID.class).list();
		delete.update();
		return ids;
	}

	List<UUID> expired(Instant now, int limit) {
		return jdbc.sql("select id from blob_upload where expires_at <= :now order by expires_at limit :limit")
			.param("now", time(now)).param("limit", limit).query(UUID.class).list();
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static ResumableUpload upload(ResultSet rs, int n) throws SQLException {
		BlobOwner owner = new BlobOwner(rs.getObject(2, UUID.class), BlobOwner.Kind.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
				rs.getObject(4, UUID.class));
		return new ResumableUpload(rs.getObject(1, UUID.class), owner, rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getBoolean(8),
				rs.getObject(9, OffsetDateTime.class).toInstant());
	}
}
