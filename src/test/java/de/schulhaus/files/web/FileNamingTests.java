package de.schulhaus.files.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import de.schulhaus.dav.DavPath;
import de.schulhaus.platform.NotFoundException;

/** Sizes, attachment names, ZIP entry names and the browser's paths: the small rules of the file browser. */
class FileNamingTests {

	@Test
	void sizesReadLikePeopleSayThem() {
		assertThat(FileSizes.text(0, Locale.GERMAN)).isEqualTo("0 Byte");
		assertThat(FileSizes.text(812, Locale.GERMAN)).isEqualTo("812 Byte");
		assertThat(FileSizes.text(1536, Locale.GERMAN)).isEqualTo("1,5 KB");
		assertThat(FileSizes.text(1024 * 1024 * 3 / 2, Locale.GERMAN)).isEqualTo("1,5 MB");
		assertThat(FileSizes.text(1024 * 1024 * 3 / 2, Locale.ENGLISH)).isEqualTo("1.5 MB");
		assertThat(FileSizes.text(2L * 1024 * 1024 * 1024, Locale.GERMAN)).isEqualTo("2 GB");
		assertThat(FileSizes.text(250L * 1024 * 1024, Locale.GERMAN)).isEqualTo("250 MB");
	}

	@Test
	void attachmentsCarryTheExactNameAndAnAsciiStandIn() {
		assertThat(Attachments.contentDisposition("Übung 3 (Lösung).pdf"))
			.isEqualTo("attachment; filename=\"_bung 3 (L_sung).pdf\"; filename*=UTF-8''%C3%9Cbung%203%20%28L%C3%B6sung%29.pdf");
		assertThat(Attachments.contentDisposition("100%;x\".txt")).isEqualTo("attachment; filename=\"100_;x_.txt\"; filename*=UTF-8''100%25%3Bx%22.txt");
	}

	@Test
	void zipEntriesCannotClimbOutOfTheirFolder() {
		assertThat(de.schulhaus.files.internal.ZipDownload.safe("..")).isEqualTo("_");
		assertThat(de.schulhaus.files.internal.ZipDownload.safe("a/../b")).isEqualTo("a_.._b");
		assertThat(de.schulhaus.files.internal.ZipDownload.safe("C:\\Windows")).isEqualTo("C:_Windows");
		assertThat(de.schulhaus.files.internal.ZipDownload.safe("Plan.txt")).isEqualTo("Plan.txt");
	}

	@Test
	void pathsTravelInTheQueryAndRefuseDotSegments() {
		assertThat(FileLocation.parse(null)).isEqualTo(DavPath.ROOT);
		assertThat(FileLocation.parse("/")).isEqualTo(DavPath.ROOT);
		assertThat(FileLocation.parse("/Klasse 5a/100% Mathe;1.txt").segments()).isEqualTo(List.of("Klasse 5a", "100% Mathe;1.txt"));
		assertThatThrownBy(() -> FileLocation.parse("/a/../b")).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> FileLocation.parse("/a//b")).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> FileLocation.parse("/a\\b")).isInstanceOf(NotFoundException.class);
		assertThat(FileLocation.url("meine", "download", new DavPath(List.of("Klasse 5a", "100% & mehr.txt"))))
			.isEqualTo("/dateien/meine/download?pfad=/Klasse%205a/100%25%20%26%20mehr.txt");
		assertThat(FileLocation.url("meine", null, DavPath.ROOT)).isEqualTo("/dateien/meine");
	}
}
