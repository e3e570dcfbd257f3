package de.schulhaus.files.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.springframework.stereotype.Component;

import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;
import de.schulhaus.files.internal.PictureScaling;

/** Small pictures of pictures for the folder list ({@link PictureScaling}); what cannot be read gets its icon instead. */
@Component
class Thumbnails {

	/** The longer side of a thumbnail in pixels: sharp at twice the list's 40 CSS pixels and in the grid. */
	static final int SIZE = 160;

	static boolean canShow(DavResource file) {
		return !file.collection() && PictureScaling.scalable(file.contentType(), file.length());
	}

	/** Writes a JPEG thumbnail; false when the image cannot be read. */
	boolean write(DavRepository repository, DavResource file, OutputStream out) throws IOException {
		try (InputStream in = repository.read(file, 0, file.length())) {
			return PictureScaling.write(in, SIZE, SIZE, false, out);
		}
	}
}
