package de.schulhaus.blobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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

	/** @param s3UploadId the S3 multipart upload that takes its bytes; null on the folder store */
	void insert(ResumableUpload upload, String s3UploadId) {
		BlobOwner owner = upload.owner();
		jdbc.sql("insert into blob_upload (" + COLUMNS + ", s3_upload_id, created_at) "
				+ "values (:id, :school, :kind, :owner, :length, :offset, :metadata, :attached, :expires, :s3, :now)")
			.param("id", upload.id()).param("school", owner.schoolId()).param("kind", owner.kind().column()).param("owner", owner.ownerId())
			.param("length", upload.length()).param("offset", upload.offset()).param("metadata", upload.metadata())
			.param("attached", upload.attached()).param("expires", time(upload.expires())).param("s3", s3UploadId)
			.param("now", time(Instant.now()))
			.update();
	}

	Optional<String> s3UploadId(UUID id) {
		return jdbc.sql("select s3_upload_id from blob_upload where id = :id").param("id", id).query(String.class).optional();
	}

	/**
	 * Takes the upload for one appending request of any node until {@code until}, if it stands at
	 * {@code offset} and nobody else holds it: one conditional update, so two requests never both get it.
	 */
	boolean lease(UUID id, long offset, Instant now, Instant until) {
		return jdbc.sql("update blob_upload set busy_until = :until where id = :id and offset_bytes = :offset and attached = false "
				+ "and (busy_until is null or busy_until <= :now)")
			.param("until", time(until)).param("id", id).param("offset", offset).param("now", time(now)).update() == 1;
	}

	void extendLease(UUID id, Instant until) {
		jdbc.sql("update blob_upload set busy_until = :until where id = :id").param("until", time(until)).param("id", id).update();
	}

	void releaseLease(UUID id) {
		jdbc.sql("update blob_upload set busy_until = null where id = :id").param("id", id).update();
	}

	List<S3Parts.UploadPart> parts(UUID id) {
		return jdbc.sql("select part_number, etag, size_bytes from blob_upload_part where upload_id = :id order by part_number")
			.param("id", id)
			.query((rs, n) -> new S3Parts.UploadPart(rs.getInt(1), rs.getString(2), rs.getLong(3))).list();
	}

	/** Records a part S3 acknowledged; call in the transaction that moves the offset past it. */
	void addPart(UUID id, UUID school, S3Parts.UploadPart part) {
		jdbc.sql("insert into blob_upload_part (upload_id, school_id, part_number, etag, size_bytes) values (:id, :school, :number, :etag, :size)")
			.param("id", id).param("school", school).param("number", part.number()).param("etag", part.etag()).param("size", part.size())
			.update();
	}

	/** The ids of all uploads there are: content and multipart uploads of these ids the orphan sweeper leaves alone. */
	Set<UUID> all() {
		return Set.copyOf(jdbc.sql("select id from blob_upload").query(UUID.class).list());
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

	/** Moves the offset from where it stood to {@code offset}; false when it stood elsewhere (another request moved it). */
	boolean advance(UUID id, long from, long offset, Instant expires) {
		return jdbc.sql("update blob_upload set offset_bytes = :offset, expires_at = :expires where id = :id and offset_bytes = :from")
			.param("offset", offset).param("expires", time(expires)).param("id", id).param("from", from).update() == 1;
	}

	/** One conditional update: of two requests completing the same upload, only one gets true. */
	boolean claimForAttach(UUID id) {
		return jdbc.sql("update blob_upload set attached = true where id = :id and attached = false and offset_bytes = length_bytes")
			.param("id", id).update() == 1;
	}

	void delete(UUID id) {
		jdbc.sql("delete from blob_upload where id = :id").param("id", id).update();
	}

	/** Deletes the uploads of a space, or with {@code owner} null all of the school's; answers their ids and S3 upload ids. */
	List<Deleted> deleteAll(UUID school, BlobOwner owner) {
		String where = owner == null ? "school_id = :school" : "school_id = :school and owner_kind = :kind and owner_id = :owner";
		var select = jdbc.sql("select id, s3_upload_id from blob_upload where " + where).param("school", school);
		var delete = jdbc.sql("delete from blob_upload where " + where).param("school", school);
		if (owner != null) {
			select = select.param("kind", owner.kind().column()).param("owner", owner.ownerId());
			delete = delete.param("kind", owner.kind().column()).param("owner", owner.ownerId());
		}
		List<Deleted> deleted = select.query((rs, n) -> new Deleted(rs.getObject(1, UUID.class), rs.getString(2))).list();
		delete.update();
		return deleted;
	}

	record Deleted(UUID id, String s3UploadId) {
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
