package de.schulhaus.files.web;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.springframework.stereotype.Component;

import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;

/**
 * Small pictures of pictures for the folder list. The image is decoded with subsampling chosen from
 * its header, so a 24-megapixel photo costs a few hundred kilobytes of heap, not a hundred megabytes;
 * what the JDK cannot read (HEIC, WebP) gets its icon instead.
 */
@Component
class Thumbnails {

	/** The longer side of a thumbnail in pixels: sharp at twice the list's 40 CSS pixels and in the grid. */
	static final int SIZE = 160;
	private static final long MAX_BYTES = 40L * 1024 * 1024;
	private static final Set<String> TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/bmp");

	static boolean canShow(DavResource file) {
		String type = file.contentType() == null ? "" : file.contentType().toLowerCase(Locale.ROOT);
		int semicolon = type.indexOf(';');
		return !file.collection() && file.length() > 0 && file.length() <= MAX_BYTES
				&& TYPES.contains(semicolon < 0 ? type : type.substring(0, semicolon).strip());
	}

	/** Writes a JPEG thumbnail; false when the image cannot be read. */
	boolean write(DavRepository repository, DavResource file, OutputStream out) throws IOException {
		try (InputStream in = repository.read(file, 0, file.length()); ImageInputStream images = ImageIO.createImageInputStream(in)) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(images);
			if (!readers.hasNext()) {
				return false;
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(images, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				ImageReadParam param = reader.getDefaultReadParam();
				int step = Math.max(1, Math.max(width, height) / (SIZE * 2));
				param.setSourceSubsampling(step, step, 0, 0);
				BufferedImage decoded = reader.read(0, param);
				double scale = Math.min(1.0, (double) SIZE / Math.max(decoded.getWidth(), decoded.getHeight()));
				int w = Math.max(1, (int) Math.round(decoded.getWidth() * scale));
				int h = Math.max(1, (int) Math.round(decoded.getHeight() * scale));
				BufferedImage thumbnail = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
				Graphics2D g = thumbnail.createGraphics();
				try {
					// transparent parts of a PNG on white, as the page shows them
					g.setColor(java.awt.Color.WHITE);
					g.fillRect(0, 0, w, h);
					g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
					g.drawImage(decoded, 0, 0, w, h, null);
				}
				finally {
					g.dispose();
				}
				return ImageIO.write(thumbnail, "jpeg", out);
			}
			catch (IOException | RuntimeException unreadable) {
				// a broken or unusual file: the list shows its icon
				return false;
			}
			finally {
				reader.dispose();
			}
		}
	}
}
