package de.schulhaus.files.web;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.stereotype.Component;

import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;

/**
 * What the details panel shows of a file's content: the first 64 KiB of a text file (the template
 * escapes it), and the first page of a PDF as a small PNG.
 */
@Component
class FilePreviews {

	static final int TEXT_BYTES = 64 * 1024;
	/** PDFBox reads the whole document into memory: larger ones get no picture. */
	static final long PDF_MAX_BYTES = 20L * 1024 * 1024;
	private static final float PDF_DPI = 50;

	static boolean isText(String contentType) {
		String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		return type.startsWith("text/") || type.startsWith("application/json") || type.startsWith("application/xml")
				|| type.endsWith("+xml") || type.endsWith("+json") || type.startsWith("application/javascript");
	}

	static boolean isPdf(DavResource file) {
		return "application/pdf".equalsIgnoreCase(file.contentType()) && file.length() <= PDF_MAX_BYTES;
	}

	/** The beginning of a text file as UTF-8, a broken character at the cut left out; empty for other files. */
	Optional<Excerpt> text(DavRepository repository, DavResource file) throws IOException {
		if (file.collection() || !isText(file.contentType())) {
			return Optional.empty();
		}
		byte[] head;
		try (InputStream in = repository.read(file, 0, Math.min(file.length(), TEXT_BYTES))) {
			head = in.readNBytes(TEXT_BYTES);
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
		int end = head.length;
		// a multi-byte character cut in half at the end is dropped rather than shown as a replacement sign
		if (file.length() > head.length) {
			while (end > 0 && end > head.length - 4 && (head[end - 1] & 0xC0) == 0x80) {
				end--;
			}
			if (end > 0 && (head[end - 1] & 0x80) != 0) {
				end--;
			}
		}
		String text = decoder.decode(ByteBuffer.wrap(head, 0, end)).toString();
		return Optional.of(new Excerpt(text, file.length() > head.length));
	}

	/** The first page of a PDF as PNG onto the stream; false when it cannot be read. */
	boolean pdfFirstPage(DavRepository repository, DavResource file, OutputStream out) throws IOException {
		if (!isPdf(file)) {
			return false;
		}
		try (InputStream in = repository.read(file, 0, file.length()); PDDocument pdf = Loader.loadPDF(new RandomAccessReadBuffer(in))) {
			if (pdf.getNumberOfPages() == 0) {
				return false;
			}
			BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, PDF_DPI);
			return ImageIO.write(page, "png", out);
		}
		catch (IOException ex) {
			// an encrypted or broken PDF simply has no picture
			return false;
		}
	}

	/** The start of a text, and whether there is more. */
	record Excerpt(String text, boolean truncated) {
	}
}
