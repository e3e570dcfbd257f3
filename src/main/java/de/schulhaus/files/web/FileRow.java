package de.schulhaus.files.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import de.schulhaus.dav.DavResource;

/**
 * A line of the folder list: what the template shows of a file or folder, with its links.
 *
 * @param kind the message-key suffix of its kind ({@code folder}, {@code pdf}, {@code image}, …), also its icon's choice
 */
record FileRow(String name, boolean folder, long size, Instant modified, String contentType, String kind, String href, String detailsHref,
		String thumbnailHref) {

	static FileRow of(String spaceKey, DavResource resource) {
		return new FileRow(resource.path().name(), resource.collection(), resource.length(), resource.modified(), resource.contentType(),
				kind(resource), FileLocation.url(spaceKey, resource.collection() ? null : "download", resource.path()),
				FileLocation.url(spaceKey, "details", resource.path()),
				Thumbnails.canShow(resource) ? FileLocation.url(spaceKey, "vorschaubild", resource.path()) : null);
	}

	/** Lucide icon of the kind; the kind's name is always written beside it, the icon only helps the eye. */
	public String icon() {
		return switch (kind) {
			case "folder" -> "folder";
			case "pdf" -> "file-text";
			case "text" -> "file-type";
			case "image" -> "file-image";
			case "audio" -> "file-audio";
			case "video" -> "file-video";
			case "archive" -> "file-archive";
			case "spreadsheet" -> "file-spreadsheet";
			case "presentation" -> "presentation";
			case "document" -> "file-pen-line";
			default -> "file";
		};
	}

	static String kind(DavResource resource) {
		if (resource.collection()) {
			return "folder";
		}
		String type = resource.contentType() == null ? "" : resource.contentType().toLowerCase(Locale.ROOT);
		if (type.equals("application/pdf")) {
			return "pdf";
		}
		if (type.startsWith("image/")) {
			return "image";
		}
		if (type.startsWith("audio/")) {
			return "audio";
		}
		if (type.startsWith("video/")) {
			return "video";
		}
		if (FilePreviews.isText(type)) {
			return "text";
		}
		if (type.contains("zip") || type.contains("compressed") || type.contains("x-tar") || type.contains("x-7z")) {
			return "archive";
		}
		if (type.contains("spreadsheet") || type.contains("ms-excel")) {
			return "spreadsheet";
		}
		if (type.contains("presentation") || type.contains("ms-powerpoint")) {
			return "presentation";
		}
		if (type.contains("wordprocessing") || type.contains("msword") || type.contains("opendocument.text") || type.contains("rtf")) {
			return "document";
		}
		return "other";
	}

	/** Folders first, then by the chosen column; names compare as people read them (case-insensitive, German umlauts in place). */
	static List<FileRow> sorted(List<FileRow> rows, String by, boolean descending, Locale locale) {
		java.text.Collator collator = java.text.Collator.getInstance(locale);
		collator.setStrength(java.text.Collator.SECONDARY);
		Comparator<FileRow> byName = Comparator.comparing(FileRow::name, collator);
		Comparator<FileRow> column = switch (by) {
			case "groesse" -> Comparator.comparingLong(FileRow::size).thenComparing(byName);
			case "geaendert" -> Comparator.comparing(FileRow::modified).thenComparing(byName);
			default -> byName;
		};
		if (descending) {
			column = column.reversed();
		}
		return rows.stream().sorted(Comparator.comparing((FileRow r) -> !r.folder()).thenComparing(column)).toList();
	}
}
