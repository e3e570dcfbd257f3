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

	/**
	 * Where the content goes: a folder path in the space ("" for its top), a name, a media type or null,
	 * and the space's key as {@link Spaces#find} takes it (null: "Meine Dateien").
	 */
	public record Target(String folder, String name, String type, String space, boolean makeFolders) {

		public Target(String folder, String name, String type) {
			this(folder, name, type, null, false);
		}

		String spaceKey() {
			return space == null || space.isBlank() ? Spaces.PERSONAL_KEY : space;
		}
	}

	public long maxLength() {
		return uploads.maxLength();
	}

	/** Begins an upload of {@code length} bytes; a zero-length one is complete at once. */
	public ResumableUpload begin(SchulhausUser person, Target target, long length) {
		if (person.schoolId() == null) {
			throw new UploadProblem(403, "no-space", "files.upload.problem.no-space");
		}
		if (length > uploads.maxLength()) {
			throw new UploadProblem(413, "upload-too-large", "files.upload.problem.too-large", uploads.maxLength());
		}
		checkName(target.name());
		Space into = writableSpace(person, target);
		FileNode folder = target.makeFolders() ? makeFolders(into, target.folder()) : folder(into, target.folder());
		requireUnlocked(into, target);
		long replaced = nodes.child(into.schoolId(), into.id(), folder.id(), target.name()).map(FileNode::size).orElse(0L);
		if (!quotas.mayAdd(into.quotaOwner(), length - replaced)) {
			throw into.kind() == SpaceKind.PERSONAL ? new UploadProblem(413, "quota-exceeded", "files.upload.problem.quota", length)
					: new UploadProblem(413, "quota-exceeded", "files.upload.problem.quota-shared", length, into.name());
		}
		String metadata = json.writeValueAsString(target);
		if (metadata.length() > 4000) {
			throw new UploadProblem(400, "invalid-input", "files.upload.problem.metadata");
		}
		// the upload is the person's, whatever space it goes to: nobody else finds or continues it
		ResumableUpload upload = uploads.begin(space(person), length, metadata);
		if (upload.complete()) {
			complete(person, upload);
		}
		return upload;
	}

	/** Whether the upload will replace a file that is there now (its content then becomes a version). */
	public boolean replaces(SchulhausUser person, Target target) {
		try {
			Space space = writableSpace(person, target);
			FileNode folder = folder(space, target.folder());
			return nodes.child(space.schoolId(), space.id(), folder.id(), target.name()).isPresent();
		}
		catch (UploadProblem notThere) {
			return false;
		}
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
		Space space;
		try {
			space = writableSpace(person, target);
		}
		catch (UploadProblem noLonger) {
			uploads.remove(upload.id());
			throw noLonger;
		}
		FileNode folder;
		boolean folderFound = true;
		try {
			folder = folder(space, target.folder());
		}
		catch (UploadProblem gone) {
			folderFound = false;
			// removed or renamed while the bytes arrived: hours of upload are not lost for that, the file goes to the top
			folder = spaces.open(space).node(de.schulhaus.dav.DavPath.ROOT).orElseThrow(() -> gone);
		}
		Space into = space;
		FileNode parent = folder;
		// checked before the upload is claimed: once the lock is gone, the client's next PATCH or HEAD completes it
		requireUnlocked(into, folderFound ? target : new Target("", target.name(), target.type()));
		String type = type(target);
		try {
			tx.executeWithoutResult(status -> {
				if (!uploads.markAttached(upload.id())) {
					return; // another request (a retried PATCH, a HEAD) completes it, or did
				}
				// the rename inside the transaction: a second request waits for the claim above instead of racing it
				StagedBlob staged = uploads.finish(upload)
					.orElseThrow(() -> new UploadProblem(404, "not-found", "files.upload.problem.lost"));
				writes.attachStaged(into, parent, target.name(), staged, type);
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

	/** 423 while a WebDAV client holds a lock that protects the file the upload makes or replaces. */
	private void requireUnlocked(Space space, Target target) {
		try {
			spaces.open(space).requireUnlocked(new de.schulhaus.dav.DavPath(segments(target.folder())).child(target.name()), true, false);
		}
		catch (FileLocked locked) {
			throw new UploadProblem(423, "locked", "files.upload.problem.locked", locked.untilClock());
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

	/** The space the upload goes to, if the person may change it now; else 404 like a space nobody has. */
	private Space writableSpace(SchulhausUser person, Target target) {
		Space space = spaces.find(person, target.spaceKey()).orElseThrow(() -> new UploadProblem(404, "no-space", "files.upload.problem.unknown-space"));
		if (!space.writable()) {
			throw new UploadProblem(403, "read-only", "files.upload.problem.read-only");
		}
		return space;
	}

	/** The folder at {@code path}, made with the folders above it where missing: a browser's folder upload. */
	private FileNode makeFolders(Space space, String path) {
		SpaceFiles files = spaces.open(space);
		de.schulhaus.dav.DavPath at = de.schulhaus.dav.DavPath.ROOT;
		for (String segment : (path == null ? "" : path).split("/")) {
			if (segment.isEmpty()) {
				continue;
			}
			at = at.child(segment);
			if (files.node(at).isEmpty()) {
				try {
					files.createCollection(at);
				}
				catch (DavException ex) {
					if (ex.status() != 405) { // 405: a parallel upload of the same folder made it a moment earlier
						throw new UploadProblem(400, "invalid-input", "files.upload.problem.name", ex.getMessage());
					}
				}
			}
		}
		return folder(space, path);
	}

	/** The folder at {@code path} ("a/b", relative to the top of the space as the person sees it); 409 where there is none. */
	private FileNode folder(Space space, String path) {
		java.util.List<String> segments = segments(path);
		if (segments.stream().anyMatch(s -> s.equals(".") || s.equals(".."))) {
			throw new UploadProblem(409, "no-folder", "files.upload.problem.no-folder", path);
		}
		return spaces.open(space).node(new de.schulhaus.dav.DavPath(segments)).filter(FileNode::folder)
			.orElseThrow(() -> new UploadProblem(409, "no-folder", "files.upload.problem.no-folder", path));
	}

	private static java.util.List<String> segments(String path) {
		return java.util.Arrays.stream((path == null ? "" : path).split("/")).filter(s -> !s.isEmpty()).toList();
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
