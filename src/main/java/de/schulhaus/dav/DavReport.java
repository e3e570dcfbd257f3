package de.schulhaus.dav;

import java.util.List;
import java.util.Map;

import javax.xml.namespace.QName;

/**
 * A REPORT's answer: the properties asked for, of each resource selected, written as a multistatus.
 *
 * @param properties the properties each response lists
 * @param items the resources, streamed in this order
 * @param syncToken the new {@code DAV:sync-token} of a {@code sync-collection} report, otherwise null
 * @param contentType for a report whose answer is no multistatus (CalDAV's {@code free-busy-query}
 *                    answers {@code text/calendar}): its type, and {@code content} its body; otherwise null
 */
public record DavReport(List<QName> properties, Iterable<Item> items, String syncToken, String contentType, String content) {

	public DavReport(List<QName> properties, Iterable<Item> items, String syncToken) {
		this(properties, items, syncToken, null, null);
	}

	/** An answer that is a document of its own, sent with 200. */
	public static DavReport document(String contentType, String content) {
		return new DavReport(List.of(), List.of(), null, contentType, content);
	}

	/**
	 * One response: a resource with values the report computed already (say {@code calendar-data}, read in
	 * the same query), or a path that is gone (a 404 response).
	 */
	public record Item(DavPath path, DavResource resource, Map<QName, String> values) {

		public static Item gone(DavPath path) {
			return new Item(path, null, Map.of());
		}
	}
}
