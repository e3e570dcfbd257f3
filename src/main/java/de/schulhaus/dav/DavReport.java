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
 */
public record DavReport(List<QName> properties, Iterable<Item> items, String syncToken) {

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
