package de.schulhaus.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;

/**
 * Files and folders as one ZIP written straight onto the response while it is read from the space:
 * nothing is collected in memory or on disk, so a folder of any size starts downloading at once (one
 * query per folder). Content that is compressed already (pictures, videos, office files) is stored
 * without a second try; entry names are the relative paths, never absolute and without dot segments.
 * The desktops' own files ({@link SystemFiles}) stay out, as in the browser's list.
 */
public final class ZipDownload {

	private static final List<String> COMPRESSED = List.of("image/", "video/", "audio/", "application/zip", "application/pdf",
			"application/vnd.openxmlformats", "application/vnd.oasis.opendocument", "compressed", "x-7z", "gzip");

	private ZipDownload() {
	}

	/** What goes into the ZIP at its top level, under which name (a folder with everything in it). */
	public record Item(String name, DavResource resource) {

		public static Item of(DavResource resource) {
			return new Item(resource.path().name(), resource);
		}
	}

	/** Writes each resource (folders with everything in them) under its own name at the top of the archive. */
	public static void write(DavRepository files, List<DavResource> tops, OutputStream response) throws IOException {
		write(files, tops.stream().map(Item::of).toList(), response);
	}

	/** Writes the items under their names at the top of the archive. */
	public static void write(DavRepository files, Collection<Item> items, OutputStream response) throws IOException {
		try (ZipOutputStream zip = new ZipOutputStream(response, java.nio.charset.StandardCharsets.UTF_8)) {
			for (Item top : items) {
				add(files, top.resource(), safe(top.name()), zip);
			}
		}
	}

	private static void add(DavRepository files, DavResource resource, String name, ZipOutputStream zip) throws IOException {
		if (resource.collection()) {
			ZipEntry folder = new ZipEntry(name + "/");
			folder.setLastModifiedTime(FileTime.from(resource.modified()));
			zip.putNextEntry(folder);
			zip.closeEntry();
			for (DavResource member : files.children(resource)) {
				if (SystemFiles.hidden(member)) {
					continue;
				}
				add(files, member, name + "/" + safe(member.path().name()), zip);
			}
			return;
		}
		ZipEntry entry = new ZipEntry(name);
		entry.setLastModifiedTime(FileTime.from(resource.modified()));
		zip.setLevel(isCompressed(resource.contentType()) ? Deflater.NO_COMPRESSION : Deflater.BEST_SPEED);
		zip.putNextEntry(entry);
		try (InputStream in = files.read(resource, 0, resource.length())) {
			in.transferTo(zip);
		}
		zip.closeEntry();
	}

	/** A name as an archive entry: no separators or dot segments that an unpacking program could follow out of its folder. */
	public static String safe(String name) {
		String cleaned = name.replace('/', '_').replace('\\', '_').replace('\0', '_');
		return cleaned.isBlank() || cleaned.equals(".") || cleaned.equals("..") ? "_" : cleaned;
	}

	private static boolean isCompressed(String contentType) {
		String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		return COMPRESSED.stream().anyMatch(type::contains) && !type.equals("image/svg+xml") && !type.equals("image/bmp");
	}
}
