package de.schulhaus.files.internal;

import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.blobs.ResumableUpload;
import de.schulhaus.blobs.ResumableUploads;
import de.schulhaus.blobs.StagedBlob;
import de.schulhaus.dav.DavException;
import de.schulhaus.platform.SchulhausUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resumable uploads into a person's own space: checked when they begin (name, folder, quota for the
 * announced length, so nothing is sent that cannot fit), their bytes in the blob store's staging area,
 * and once complete the file appears in its folder (an existing one of that name is overwritten) in the
 * same transaction that marks the upload attached.
 */
@Service
public class FileUploads {

	private final ResumableUploads uploads;
	private final FileNodes nodes;
	private final FileWrites writes;
	private final StorageQuotas quotas;
	private final TransactionTemplate tx;
	private final JsonMapper json;
	private final Spaces spaces;

	FileUploads(ResumableUploads uploads, FileNodes nodes, FileWrites writes, StorageQuotas quotas, TransactionTemplate tx, JsonMapper json,
			Spaces spaces) {
		this.spaces = spaces;
		this.uploads = uploads;
		this.nodes = nodes;
		this.writes = writes;
		this.quotas = quotas;
		this.tx = tx;
		this.json = json;
	}

	/** Where the content goes: a folder path in the space ("" for its top), a name, a media type or null. */
	public record Target(String folder, String name, String type) {
	}

	public boolean available() {
		return uploads.available();
	}

	public long maxLength() {
		return uploads.maxLength();
	}

	/** Begins an upload of {@code length} bytes; a zero-length one is complete at once. */
	public ResumableUpload begin(SchulhausUser person, Target target, long length) {
		if (person.schoolId() == null) {
			throw new UploadProblem(403, "no-space", "files.upload.problem.no-space");
		}
		if (!uploads.available()) {
			throw new UploadProblem(501, "resumable-uploads-unavailable", "files.upload.problem.unavailable");
		}
		if (length > uploads.maxLength()) {
			throw new UploadProblem(413, "upload-too-large", "files.upload.problem.too-large", uploads.maxLength());
		}
		checkName(target.name());
		FileNode folder = folder(person, target.folder());
		BlobOwner space = space(person);
		long replaced = nodes.child(person.schoolId(), person.accountId(), folder.id(), target.name()).map(FileNode::size).orElse(0L);
		if (!quotas.mayAdd(space, length - replaced)) {
			throw new UploadProblem(413, "quota-exceeded", "files.upload.problem.quota", length);
		}
		String metadata = json.writeValueAsString(target);
		if (metadata.length() > 4000) {
			throw new UploadProblem(400, "invalid-input", "files.upload.problem.metadata");
		}
		ResumableUpload upload = uploads.begin(space, length, metadata);
		if (upload.complete()) {
			complete(person, upload);
		}
		return upload;
	}

	/** The person's own upload; empty for another's, an expired one or none. */
	public Optional<ResumableUpload> find(SchulhausUser person, UUID id) {
		return person.schoolId() == null ? Optional.empty() : uploads.find(id, space(person));
	}

	/** Appends at {@code offset}; when that completes the upload, the file appears in the space. */
	public ResumableUpload append(SchulhausUser person, ResumableUpload upload, long offset, InputStream in) {
		ResumableUpload now = uploads.append(upload, offset, in);
		if (now.complete()) {
			complete(person, now);
		}
		return now;
	}

	/**
	 * Puts a complete upload's content into the space. Also for one found complete but still there
	 * (a crash came between its last bytes and this): doing it again is harmless.
	 */
	public void complete(SchulhausUser person, ResumableUpload upload) {
		if (upload.attached()) {
			return;
		}
		Target target = json.readValue(upload.metadata(), Target.class);
		FileNode folder;
		try {
			folder = folder(person, target.folder());
		}
		catch (UploadProblem gone) {
			// removed or renamed while the bytes arrived: hours of upload are not lost for that, the file goes to the top
			folder = nodes.root(person.schoolId(), person.accountId());
		}
		FileNode into = folder;
		String type = type(target);
		try {
			tx.executeWithoutResult(status -> {
				if (!uploads.markAttached(upload.id())) {
					return; // another request (a retried PATCH, a HEAD) completes it, or did
				}
				// the rename inside the transaction: a second request waits for the claim above instead of racing it
				StagedBlob staged = uploads.finish(upload)
					.orElseThrow(() -> new UploadProblem(404, "not-found", "files.upload.problem.lost"));
				writes.attachStaged(spaces.personal(person), into, target.name(), staged, type);
			});
		}
		catch (UploadProblem lost) {
			uploads.remove(upload.id());
			throw lost;
		}
		catch (DavException refused) {
			// the content is discarded already; an upload that can never complete goes with it
			uploads.remove(upload.id());
			throw refused.status() == 507 ? new UploadProblem(413, "quota-exceeded", "files.upload.problem.quota", upload.length())
					: new UploadProblem(409, "name-taken", "files.upload.problem.name-taken", target.name());
		}
	}

	/** Ends an upload before it is complete; its bytes go. */
	public void terminate(ResumableUpload upload) {
		uploads.remove(upload.id());
	}

	private static void checkName(String name) {
		if (name == null) {
			throw new UploadProblem(400, "invalid-input", "files.upload.problem.no-name");
		}
		try {
			FileNames.check(name);
		}
		catch (DavException e) {
			throw new UploadProblem(400, "invalid-input", "files.upload.problem.name", e.getMessage());
		}
	}

	/** The folder at {@code path} ("a/b", relative to the top of the space); 409 where there is none. */
	private FileNode folder(SchulhausUser person, String path) {
		FileNode node = nodes.root(person.schoolId(), person.accountId());
		for (String segment : (path == null ? "" : path).split("/")) {
			if (segment.isEmpty()) {
				continue;
			}
			UUID parent = node.id();
			node = nodes.child(person.schoolId(), person.accountId(), parent, segment).filter(FileNode::folder)
				.orElseThrow(() -> new UploadProblem(409, "no-folder", "files.upload.problem.no-folder", path));
		}
		return node;
	}

	private static String type(Target target) {
		if (target.type() != null && !target.type().isBlank()) {
			try {
				return MediaType.parseMediaType(target.type()).toString();
			}
			catch (IllegalArgumentException ignored) {
				// a browser's guess we cannot read: guessed from the name instead
			}
		}
		return MediaTypeFactory.getMediaType(target.name()).orElse(MediaType.APPLICATION_OCTET_STREAM).toString();
	}

	private static BlobOwner space(SchulhausUser person) {
		return BlobOwner.account(person.schoolId(), person.accountId());
	}
}
