package de.schulhaus.dav;

import java.time.Instant;

/** An unexpired WebDAV lock as other ways into a tree see it: where it was taken and until when it holds. */
public record DavLock(DavPath path, Instant expires) {
}
