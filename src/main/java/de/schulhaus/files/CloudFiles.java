package de.schulhaus.files;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import java.io.InputStream;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavResource;
import de.schulhaus.files.internal.FileSearch;
import de.schulhaus.files.internal.PictureScaling;
import de.schulhaus.files.internal.SpaceFiles;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.files.internal.SpaceKind;
import de.schulhaus.files.web.FileLinks;
import de.schulhaus.platform.SchulhausUser;

/**
 * Cloud files for other modules to point at (a calendar event's attachments, later a mail's or a chat's):
 * found by name or by id among the files a person may read, each with the address of its page in
 * {@code /dateien}. Following that address checks the reader's rights again, so a link never grants access.
 */
@Service
public class CloudFiles {

	private final FileSearch search;
	private final Spaces spaces;

	CloudFiles(FileSearch search, Spaces spaces) {
		this.search = search;
		this.spaces = spaces;
	}

	/** A file could not be saved: its name is not allowed or the person's storage is full. */
	public static class NotSaved extends RuntimeException {
		public NotSaved(String reason, Throwable cause) {
			super(reason, cause);
		}
	}

	/** The content of a file the person may read (a mail's attachment from the cloud); close it. Empty like {@link #readable}. */
	public Optional<InputStream> open(SchulhausUser person, UUID id) {
		if (person == null) {
			return Optional.empty();
		}
		return search.file(person, id).map(hit -> {
			SpaceFiles files = spaces.open(hit.space());
			DavResource resource = files.find(hit.path()).orElseThrow(() -> new NotFoundException("file"));
			return files.read(resource, 0, resource.length());
		});
	}

	/**
	 * Saves content as a new file at the top of the person's own files ("Meine Dateien"), under a free
	 * name ({@code Brief (2).pdf} when {@code Brief.pdf} is taken), so nothing is replaced. The name is
	 * taken when the file's row goes in, so two saves of the same name at once keep both files.
	 *
	 * @throws NotSaved when the name is not allowed or the storage is full
	 */
	public CloudFile saveToMyFiles(SchulhausUser person, String name, String contentType, InputStream content) {
		SpaceFiles files = spaces.open(spaces.personal(person));
		String stored;
		try {
			stored = files.writeNew(DavPath.ROOT, name, content, contentType, -1);
		} catch (DavException e) {
			throw new NotSaved(e.getMessage(), e);
		}
		return files.id(DavPath.ROOT.child(stored)).flatMap(id -> search.file(person, id)).map(CloudFiles::file)
			.orElseThrow(() -> new NotFoundException("file"));
	}

	/**
	 * Saves content as a new file in the folder {@code folder} at the top of the person's own files (made when missing),
	 * under a free name like {@link #saveToMyFiles}: a chat's attachments in "Chat-Anhänge".
	 *
	 * @throws NotSaved when a name is not allowed or the storage is full
	 */
	public CloudFile saveToMyFolder(SchulhausUser person, String folder, String name, String contentType, InputStream content) {
		SpaceFiles files = spaces.open(spaces.personal(person));
		DavPath at = DavPath.ROOT.child(folder);
		String stored;
		try {
			if (files.find(at).isEmpty()) {
				try {
					files.createCollection(at);
				} catch (DavException e) {
					// made at the same moment by another upload of the person: use it
					if (files.find(at).filter(DavResource::collection).isEmpty()) {
						throw e;
					}
				}
			}
			stored = files.writeNew(at, name, content, contentType, -1);
		} catch (DavException e) {
			throw new NotSaved(e.getMessage(), e);
		}
		return files.id(at.child(stored)).flatMap(id -> search.file(person, id)).map(CloudFiles::file)
			.orElseThrow(() -> new NotFoundException("file"));
	}

	/**
	 * Moves a file of the person's own files to their trash (a chat attachment whose message could not be posted after
	 * all); a file that is not theirs, or gone, is left alone.
	 */
	public void trashFromMyFiles(SchulhausUser person, UUID fileId) {
		search.fileIn(spaces.personal(person), fileId).ifPresent(hit -> {
			SpaceFiles files = spaces.open(hit.space());
			files.find(hit.path()).ifPresent(files::delete);
		});
	}

	/** A file and its content (close it). */
	public record OpenedFile(CloudFile file, InputStream content) {
	}

	/**
	 * A file in an account's own files, read for a module that has checked the reader's right to what points at it (a chat
	 * message's attachment, read by the room's members): this grants nothing in {@code /dateien}, and a file its owner
	 * deleted, moved to the trash, or of another school is empty.
	 */
	public Optional<CloudFile> ownedBy(UUID schoolId, UUID ownerId, UUID fileId) {
		if (schoolId == null || ownerId == null) {
			return Optional.empty();
		}
		return search.fileIn(spaces.personal(schoolId, ownerId), fileId).map(CloudFiles::file);
	}

	/** {@link #ownedBy} with its content. */
	public Optional<OpenedFile> openOwnedBy(UUID schoolId, UUID ownerId, UUID fileId) {
		if (schoolId == null || ownerId == null) {
			return Optional.empty();
		}
		return search.fileIn(spaces.personal(schoolId, ownerId), fileId).map(hit -> {
			SpaceFiles files = spaces.open(hit.space());
			DavResource resource = files.find(hit.path()).orElseThrow(() -> new NotFoundException("file"));
			return new OpenedFile(file(hit), files.read(resource, 0, resource.length()));
		});
	}

	/** Whether a file of this type gets a {@link #previewOwnedBy preview} (JPEG, PNG, GIF, BMP). */
	public static boolean previewable(String contentType) {
		return PictureScaling.scalable(contentType, 1);
	}

	/**
	 * A smaller copy of a picture in an account's own files, at most {@code maxWidth} × {@code maxHeight} pixels (never
	 * larger than the picture): PNG for a PNG, else JPEG. For a module that has checked the reader's right like for
	 * {@link #ownedBy}; empty like it, and for what is no picture the JDK reads or is larger than 40 MB. The preview's
	 * {@linkplain Preview#etag() tag} changes with the file's content and the size asked for: where it equals
	 * {@code knownEtag} (what the reader's browser holds), nothing is scaled and the answer carries no bytes.
	 */
	public Optional<Preview> previewOwnedBy(UUID schoolId, UUID ownerId, UUID fileId, int maxWidth, int maxHeight, String knownEtag) {
		if (schoolId == null || ownerId == null) {
			return Optional.empty();
		}
		return search.fileIn(spaces.personal(schoolId, ownerId), fileId).flatMap(hit -> {
			SpaceFiles files = spaces.open(hit.space());
			DavResource resource = files.find(hit.path()).filter(r -> !r.collection() && PictureScaling.scalable(r.contentType(), r.length()))
				.orElse(null);
			if (resource == null) {
				return Optional.empty();
			}
			boolean png = resource.contentType().toLowerCase(java.util.Locale.ROOT).startsWith("image/png");
			String etag = "\"" + resource.etag() + "-p" + maxWidth + "x" + maxHeight + "\"";
			String type = png ? "image/png" : "image/jpeg";
			if (etag.equals(knownEtag)) {
				return Optional.of(new Preview(type, null, etag, file(hit)));
			}
			var out = new java.io.ByteArrayOutputStream(32 * 1024);
			try (InputStream in = files.read(resource, 0, resource.length())) {
				if (!PictureScaling.write(in, maxWidth, maxHeight, png, out)) {
					return Optional.empty();
				}
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			return Optional.of(new Preview(type, out.toByteArray(), etag, file(hit)));
		});
	}

	/**
	 * A picture's smaller copy: its type, its bytes (null where the reader holds this very preview already), its HTTP
	 * entity tag (quoted) and the file it shows.
	 */
	public record Preview(String contentType, byte[] content, String etag, CloudFile file) {

		/** Whether the reader's copy is still this preview: nothing was scaled. */
		public boolean unchanged() {
			return content == null;
		}
	}

	/**
	 * A file a person may read.
	 *
	 * @param place the space (empty for the person's own) and folder it lies in, e.g. {@code 5a/Unterricht}
	 * @param href the address of its details page, relative to the platform's address
	 */
	public record CloudFile(UUID id, String name, String contentType, long size, String place, String href) {
	}

	/** Files (no folders) whose name contains the text, from the spaces the person sees, at most {@code limit}. */
	public List<CloudFile> search(SchulhausUser person, String text, int limit) {
		if (person == null || limit <= 0) {
			return List.of();
		}
		// folders take places in the search's answer too: ask for more, keep the files
		return search.byName(person, text, Math.min(limit * 4, 400)).stream().filter(hit -> !hit.folder()).limit(limit).map(CloudFiles::file)
			.toList();
	}

	/** Files (no folders) of the person's own files ("Meine Dateien") whose name contains the text, at most {@code limit}. */
	public List<CloudFile> searchMyFiles(SchulhausUser person, String text, int limit) {
		if (person == null || limit <= 0) {
			return List.of();
		}
		return search.byName(person, text, Math.min(limit * 4, 400)).stream()
			.filter(hit -> !hit.folder() && hit.space().kind() == SpaceKind.PERSONAL).limit(limit).map(CloudFiles::file).toList();
	}

	/**
	 * The file a page address of {@code /dateien} points at ({@code /dateien/<space>/details?pfad=…}: the space's key as the
	 * person's own address shows it, and the path), if the person may read it; a folder, another's space, a missing file
	 * alike empty. For showing a pasted link as a card only to those who may follow it.
	 */
	public Optional<CloudFile> atAddress(SchulhausUser person, String spaceKey, String pfad) {
		if (person == null || person.schoolId() == null || spaceKey == null || pfad == null) {
			return Optional.empty();
		}
		return spaces.find(person, spaceKey).flatMap(space -> FileLinks.path(pfad).filter(p -> !p.isRoot())
			.flatMap(path -> spaces.open(space).id(path)).flatMap(id -> search.file(person, id))).map(CloudFiles::file);
	}

	/** The file with this id if the person may read it; a folder, a trashed file and another school's id are all empty. */
	public Optional<CloudFile> readable(SchulhausUser person, UUID id) {
		if (person == null) {
			return Optional.empty();
		}
		return search.file(person, id).map(CloudFiles::file);
	}

	private static CloudFile file(FileSearch.Hit hit) {
		String folder = hit.path().parent().toString();
		String space = hit.space().kind() == SpaceKind.PERSONAL ? "" : hit.space().name();
		String place = space + (folder.equals("/") ? (space.isEmpty() ? "/" : "") : folder);
		String type = hit.contentType() == null || hit.contentType().isBlank() ? "application/octet-stream" : hit.contentType();
		return new CloudFile(hit.id(), hit.path().name(), type, hit.size(), place, FileLinks.details(hit.space(), hit.path()));
	}
}
