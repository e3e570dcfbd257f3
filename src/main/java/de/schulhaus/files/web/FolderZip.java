package de.schulhaus.files.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;

/**
 * Files and folders as one ZIP written straight onto the response while it is read from the space:
 * nothing is collected in memory or on disk. Content that is compressed already (pictures, videos,
 * office files) is stored without a second try; entry names are the relative paths, never absolute
 * and without dot segments.
 */
final class FolderZip {

	private static final List<String> COMPRESSED = List.of("image/", "video/", "audio/", "application/zip", "application/pdf",
			"application/vnd.openxmlformats", "application/vnd.oasis.opendocument", "compressed", "x-7z", "gzip");

	private FolderZip() {
	}

	/** Writes each resource (folders with everything in them) under its own name at the top of the archive. */
	static void write(DavRepository repository, List<DavResource> tops, OutputStream response) throws IOException {
		try (ZipOutputStream zip = new ZipOutputStream(response)) {
			for (DavResource top : tops) {
				add(repository, top, safe(top.path().name()), zip);
			}
		}
	}

	private static void add(DavRepository repository, DavResource resource, String name, ZipOutputStream zip) throws IOException {
		if (resource.collection()) {
			ZipEntry folder = new ZipEntry(name + "/");
			folder.setLastModifiedTime(FileTime.from(resource.modified()));
			zip.putNextEntry(folder);
			zip.closeEntry();
			for (DavResource member : repository.children(resource)) {
				add(repository, member, name + "/" + safe(member.path().name()), zip);
			}
			return;
		}
		ZipEntry entry = new ZipEntry(name);
		entry.setLastModifiedTime(FileTime.from(resource.modified()));
		zip.setLevel(isCompressed(resource.contentType()) ? Deflater.NO_COMPRESSION : Deflater.BEST_SPEED);
		zip.putNextEntry(entry);
		try (InputStream in = repository.read(resource, 0, resource.length())) {
			in.transferTo(zip);
		}
		zip.closeEntry();
	}

	/** A name as an archive entry: no separators or dot segments that an unpacking program could follow out of its folder. */
	static String safe(String name) {
		String cleaned = name.replace('/', '_').replace('\\', '_').replace('\0', '_');
		return cleaned.isBlank() || cleaned.equals(".") || cleaned.equals("..") ? "_" : cleaned;
	}

	private static boolean isCompressed(String contentType) {
		String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		return COMPRESSED.stream().anyMatch(type::contains) && !type.equals("image/svg+xml") && !type.equals("image/bmp");
	}
}
