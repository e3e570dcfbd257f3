package de.schulhaus.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;

/**
 * Folders and files as one ZIP, written straight to the response while it is read: nothing is built
 * in memory or on disk first, so a folder of any size starts downloading at once. One query per folder.
 */
public final class ZipDownload {

	private ZipDownload() {
	}

	/** What goes into the ZIP at its top level, under which name (a folder with everything in it). */
	public record Item(String name, DavResource resource) {

		public static Item of(DavResource resource) {
			return new Item(resource.path().name(), resource);
		}
	}

	/** Writes the items (files, and folders with everything in them) as entries named from the items' names down. */
	public static void write(DavRepository files, Collection<Item> items, OutputStream response) throws IOException {
		ZipOutputStream zip = new ZipOutputStream(response, java.nio.charset.StandardCharsets.UTF_8);
		// fast over small: school material is mostly PDFs, images and office files that are compressed already
		zip.setLevel(Deflater.BEST_SPEED);
		for (Item top : items) {
			Deque<Entry> pending = new ArrayDeque<>();
			pending.push(new Entry(top.resource(), top.name()));
			while (!pending.isEmpty()) {
				Entry entry = pending.pop();
				if (entry.resource().collection()) {
					zip.putNextEntry(new ZipEntry(entry.name() + "/"));
					zip.closeEntry();
					List<DavResource> members = files.children(entry.resource());
					// pushed last to first, so that they come out in the folder's order
					for (int i = members.size() - 1; i >= 0; i--) {
						pending.push(new Entry(members.get(i), entry.name() + "/" + members.get(i).path().name()));
					}
				}
				else {
					ZipEntry file = new ZipEntry(entry.name());
					file.setLastModifiedTime(java.nio.file.attribute.FileTime.from(entry.resource().modified()));
					zip.putNextEntry(file);
					try (InputStream in = files.read(entry.resource(), 0, entry.resource().length())) {
						in.transferTo(zip);
					}
					zip.closeEntry();
				}
			}
		}
		zip.finish();
		zip.flush();
	}

	private record Entry(DavResource resource, String name) {
	}
}
