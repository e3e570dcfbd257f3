package de.schulhaus.dav;

import java.time.Instant;

/**
 * A file or collection as the engine sees it.
 *
 * @param path where it is in its repository
 * @param collection whether it is a collection (folder)
 * @param length content length in bytes, 0 for collections
 * @param contentType media type, null for collections
 * @param etag the entity tag's value without quotes, changing with every write
 * @param created creation time
 * @param modified last modification
 */
public record DavResource(DavPath path, boolean collection, long length, String contentType, String etag, Instant created,
		Instant modified) {
}
