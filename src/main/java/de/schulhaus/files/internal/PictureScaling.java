package de.schulhaus.files.internal;

import java.awt.Color;
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

/**
 * Smaller copies of pictures: the folder list's thumbnails and the previews other modules show (a chat's
 * pictures). The image is decoded with subsampling chosen from its header, so a 24-megapixel photo costs a
 * few hundred kilobytes of heap, not a hundred megabytes; what the JDK cannot read (HEIC, WebP) has none.
 */
public final class PictureScaling {

	/** Larger pictures get no smaller copy: reading them would take too long. */
	public static final long MAX_BYTES = 40L * 1024 * 1024;
	private static final Set<String> TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/bmp");

	private PictureScaling() {
	}

	/** Whether a file of this type and size gets a smaller copy (the type may carry parameters). */
	public static boolean scalable(String contentType, long length) {
		String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
		int semicolon = type.indexOf(';');
		return length > 0 && length <= MAX_BYTES && TYPES.contains(semicolon < 0 ? type : type.substring(0, semicolon).strip());
	}

	/**
	 * Writes the picture scaled to fit {@code maxWidth} × {@code maxHeight} (never larger than it is) as JPEG, or as PNG
	 * with {@code png} (keeps transparency and the sharp edges of screenshots); JPEG puts transparent parts on white, as the
	 * pages show them. Answers false when the picture cannot be read.
	 */
	public static boolean write(InputStream in, int maxWidth, int maxHeight, boolean png, OutputStream out) throws IOException {
		try (ImageInputStream images = ImageIO.createImageInputStream(in)) {
			Iterator<ImageReader> readers = images == null ? null : ImageIO.getImageReaders(images);
			if (readers == null || !readers.hasNext()) {
				return false;
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(images, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				double target = Math.min(1.0, Math.min((double) maxWidth / width, (double) maxHeight / height));
				// decode at about twice the size wanted, then scale smoothly
				int step = Math.max(1, (int) (1 / (2 * target)));
				ImageReadParam param = reader.getDefaultReadParam();
				param.setSourceSubsampling(step, step, 0, 0);
				BufferedImage decoded = reader.read(0, param);
				double scale = Math.min(1.0, Math.min((double) maxWidth / decoded.getWidth(), (double) maxHeight / decoded.getHeight()));
				int w = Math.max(1, (int) Math.round(decoded.getWidth() * scale));
				int h = Math.max(1, (int) Math.round(decoded.getHeight() * scale));
				BufferedImage scaled = new BufferedImage(w, h, png ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
				Graphics2D g = scaled.createGraphics();
				try {
					if (!png) {
						g.setColor(Color.WHITE);
						g.fillRect(0, 0, w, h);
					}
					g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
					g.drawImage(decoded, 0, 0, w, h, null);
				}
				finally {
					g.dispose();
				}
				return ImageIO.write(scaled, png ? "png" : "jpeg", out);
			}
			catch (IOException | RuntimeException unreadable) {
				// a broken or unusual file has no smaller copy
				return false;
			}
			finally {
				reader.dispose();
			}
		}
	}
}
