package de.schulhaus.accounts.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.blobs.BlobStore;
import de.schulhaus.blobs.StagedBlob;
import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.SecretBox;

/**
 * Roster imports as the admin sees them: upload a file, check the preview, confirm. The upload is
 * kept in the blob store until confirmed, so nothing of the roster changes before the admin says so;
 * the confirmation recomputes the plan and writes all valid rows in one transaction. Every file is
 * read within the {@link ImportLimits}; one that breaks them is refused before anything is kept.
 */
@Service
public class RosterImports {

	/** What the column holds sealed: 80 characters of 3 UTF-8 bytes each seal to 363 of its 400. */
	static final int MAX_ZIP_PASSWORD = 80;

	private final JdbcClient jdbc;
	private final BlobStore blobs;
	private final RosterImportPlanner planner;
	private final RosterImportWriter writer;
	private final AuditLog audit;
	private final TransactionTemplate transactions;
	private final SecretBox secrets;
	private final ImportLimits limits;

	RosterImports(JdbcClient jdbc, BlobStore blobs, RosterImportPlanner planner, RosterImportWriter writer, AuditLog audit,
			TransactionTemplate transactions, SecretBox secrets, ImportLimits limits) {
		this.jdbc = jdbc;
		this.blobs = blobs;
		this.planner = planner;
		this.writer = writer;
		this.audit = audit;
		this.transactions = transactions;
		this.secrets = secrets;
		this.limits = limits;
	}

	public ImportLimits limits() {
		return limits;
	}

	/**
	 * Keeps an uploaded file for preview and confirmation; returns the upload's id. The file is staged
	 * outside any transaction (bounded while it streams in), then attached to the upload's row and read
	 * once in a short transaction, so one that cannot be read or breaks a limit is refused now, and its
	 * row and content go with the rollback. The ZIP password is stored sealed, readable only with the
	 * platform's secret key.
	 *
	 * @param size the file's size as declared by the client, or -1 when unknown
	 * @throws UploadTooLargeException when the file is larger than {@link ImportLimits#maxUpload()}
	 * @throws RosterFormatException when the file cannot be read or breaks another limit
	 */
	public UUID upload(UUID schoolId, SchulhausUser actor, String fileName, String contentType, long size, InputStream content,
			String zipPassword) {
		requireUploadSize(size);
		String password = zipPassword == null || zipPassword.isEmpty() ? null : zipPassword;
		if (password != null && password.length() > MAX_ZIP_PASSWORD) {
			throw new RosterFormatException("import.error.zipPasswordTooLong", MAX_ZIP_PASSWORD);
		}
		StagedBlob staged = blobs.stage(ByteBudget.upload(limits).wrap(content));
		try {
			return transactions.execute(status -> {
				UUID blob = blobs.attach(staged, BlobOwner.school(schoolId));
				UUID id = Ids.newId();
				jdbc.sql("insert into roster_upload (id, school_id, uploaded_by, file_name, content_type, blob_id, zip_password, created_at) "
						+ "values (:id, :school, :by, :name, :type, :blob, :pw, :at)")
					.param("id", id).param("school", schoolId).param("by", actor.accountId())
					.param("name", fileName == null ? "roster" : truncate(fileName, 255)).param("type", contentType)
					.param("blob", blob).param("pw", password == null ? null : secrets.seal(password, passwordContext(id)))
					.param("at", Timestamp.from(Instant.now())).update();
				check(require(schoolId, id));
				return id;
			});
		}
		catch (RuntimeException e) {
			blobs.discard(staged); // pupils' data does not wait for the sweeper
			throw e;
		}
	}

	/** Refuses a declared size beyond {@link ImportLimits#maxUpload()} before anything is read; -1 passes. */
	public void requireUploadSize(long size) {
		if (size > limits.maxUpload().toBytes()) {
			throw new UploadTooLargeException(limits.maxUpload());
		}
	}

	public Upload require(UUID schoolId, UUID uploadId) {
		return jdbc.sql("select id, file_name, content_type, blob_id, zip_password, column_mapping from roster_upload where id = :id and school_id = :school")
			.param("id", uploadId).param("school", schoolId)
			.query((rs, n) -> new Upload(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class),
					rs.getString(5), ColumnMappings.parse(rs.getString(6))))
			.optional().orElseThrow(() -> new NotFoundException("upload"));
	}

	public boolean isTable(Upload upload) {
		return format(upload.fileName(), upload.contentType()) == Format.TABLE;
	}

	public TablePreview tablePreview(UUID schoolId, UUID uploadId) {
		Upload upload = require(schoolId, uploadId);
		try (InputStream in = open(upload)) {
			return new TableRosterReader(limits).preview(in, upload.fileName());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Transactional
	public void saveMapping(UUID schoolId, UUID uploadId, ColumnMapping mapping) {
		require(schoolId, uploadId);
		jdbc.sql("update roster_upload set column_mapping = :m where id = :id and school_id = :school")
			.param("m", ColumnMappings.format(mapping)).param("id", uploadId).param("school", schoolId).update();
	}

	public ImportPlan preview(UUID schoolId, UUID uploadId, boolean fullSync) {
		Upload upload = require(schoolId, uploadId);
		return planner.plan(schoolId, read(upload), fullSync);
	}

	/** Applies the upload's plan as it stands now and forgets the upload. */
	@Transactional
	public ImportPlan confirm(UUID schoolId, UUID uploadId, boolean fullSync, SchulhausUser actor) {
		Upload upload = require(schoolId, uploadId);
		ImportPlan plan = planner.plan(schoolId, read(upload), fullSync);
		writer.apply(schoolId, plan, actor);
		jdbc.sql("delete from roster_upload where id = :id").param("id", uploadId).update();
		blobs.delete(upload.blobId());
		audit.record(schoolId, actor.accountId(), actor.login(), "roster.imported", upload.fileName(), summary(plan));
		return plan;
	}

	/**
	 * The API's one-step import: read the body, plan, and write unless it is a dry run.
	 *
	 * @param size the body's declared length, or -1 when unknown; the body is cut off at the limit either way
	 */
	@Transactional
	public ImportPlan run(UUID schoolId, long size, InputStream body, String contentType, String zipPassword, boolean fullSync,
			boolean dryRun, SchulhausUser actor) {
		requireUploadSize(size);
		RosterFile file = read(ByteBudget.upload(limits).wrap(body), "upload", contentType, zipPassword, null);
		ImportPlan plan = planner.plan(schoolId, file, fullSync);
		if (!dryRun) {
			writer.apply(schoolId, plan, actor);
			audit.record(schoolId, actor.accountId(), actor.login(), "roster.imported", "api", summary(plan));
		}
		return plan;
	}

	/** Deletes the accounts marked for deletion, after the admin confirmed it. */
	@Transactional
	public int deleteMarked(UUID schoolId, SchulhausUser actor) {
		int deleted = writer.deleteMarked(schoolId, actor);
		audit.record(schoolId, actor.accountId(), actor.login(), "roster.deleted", String.valueOf(deleted), null);
		return deleted;
	}

	private RosterFile read(Upload upload) {
		try (InputStream in = open(upload)) {
			return read(in, upload.fileName(), upload.contentType(), zipPassword(upload), upload.mapping());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Reads a new upload as far as needed to know it is readable and within the limits; tables still without columns. */
	private void check(Upload upload) {
		if (!isTable(upload)) {
			read(upload);
			return;
		}
		try (InputStream in = open(upload)) {
			new TableRosterReader(limits).check(new BufferedInputStream(in, 64 * 1024), upload.fileName());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private RosterFile read(InputStream raw, String fileName, String contentType, String zipPassword, ColumnMapping mapping) {
		InputStream in = new BufferedInputStream(raw, 64 * 1024);
		return switch (format(fileName, contentType)) {
			case ZIP -> new SchildXmlReader(limits)
				.read(SchildZip.openXml(in, zipPassword == null ? new char[0] : zipPassword.toCharArray(), limits));
			case XML -> new SchildXmlReader(limits).read(in);
			case TABLE -> new TableRosterReader(limits).read(in, fileName, mapping);
		};
	}

	/** A password that does not open (another key, a row changed by hand) reads as none: the ZIP then says so. */
	private String zipPassword(Upload upload) {
		if (!SecretBox.isSealed(upload.sealedZipPassword())) {
			return null;
		}
		try {
			return secrets.open(upload.sealedZipPassword(), passwordContext(upload.id()));
		}
		catch (SecretBox.TamperedSecretException e) {
			return null;
		}
	}

	private static String passwordContext(UUID uploadId) {
		return "roster-upload:" + uploadId;
	}

	private InputStream open(Upload upload) {
		return blobs.open(upload.blobId()).orElseThrow(() -> new NotFoundException("upload"));
	}

	enum Format { XML, ZIP, TABLE }

	static Format format(String fileName, String contentType) {
		String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
		String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		if (name.endsWith(".zip") || type.contains("zip")) {
			return Format.ZIP;
		}
		// the XLSX type, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, names xml twice
		boolean spreadsheet = type.contains("spreadsheet") || name.endsWith(".xlsx") || name.endsWith(".ods");
		if (!spreadsheet && (name.endsWith(".xml") || type.contains("xml"))) {
			return Format.XML;
		}
		return Format.TABLE;
	}

	static String summary(ImportPlan plan) {
		return "created=" + plan.created().size() + " updated=" + plan.updated().size() + " moved=" + plan.moved().size()
				+ " marked=" + plan.markedForDeletion().size() + " errors=" + plan.errorCount();
	}

	private static String truncate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}

	/** An upload waiting for confirmation; its ZIP password, if any, as sealed by {@link SecretBox}. */
	public record Upload(UUID id, String fileName, String contentType, UUID blobId, String sealedZipPassword, ColumnMapping mapping) {
	}
}
