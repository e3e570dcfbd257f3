package de.schulhaus.dav;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;

/**
 * What a tree adds to plain WebDAV (CalDAV, CardDAV): resource types and live properties of its own,
 * REPORTs, and collections made with a type (MKCALENDAR, extended MKCOL of RFC 5689). The engine keeps
 * the protocol rules; the extension knows its data.
 */
public interface DavExtension {

	DavExtension NONE = new DavExtension() {
	};

	/** Compliance classes for the DAV header, say {@code calendar-access}. */
	default List<String> complianceClasses() {
		return List.of();
	}

	/** Methods beyond RFC 4918's that the tree answers, for the Allow header ({@code REPORT}, {@code MKCALENDAR}). */
	default List<String> methods() {
		return List.of();
	}

	/** Elements inside {@code DAV:resourcetype} besides {@code DAV:collection}. */
	default List<QName> resourceTypes(DavResource resource) {
		return List.of();
	}

	/** The live properties of the extension that allprop and propname list for this resource. */
	default List<QName> liveProperties(DavResource resource) {
		return List.of();
	}

	/** Whether the extension computes this property: clients cannot set it, and it is never a dead property. */
	default boolean isLive(QName name) {
		return false;
	}

	/** Writes the property's element with its value; false when this resource has no such property. */
	default boolean writeProperty(QName name, DavResource resource, DavXmlOut out) throws XMLStreamException {
		return false;
	}

	/** Answers a REPORT; empty when the extension does not know it (403 {@code supported-report}). */
	default Optional<DavReport> report(DavReportRequest request) {
		return Optional.empty();
	}

	/**
	 * Answers a POST to this resource (listed in {@link #methods()}) with a document, say CalDAV's
	 * {@code schedule-response} from the scheduling outbox; empty where the resource takes none (405).
	 */
	default Optional<DavReport> post(DavResource target, byte[] body, String contentType) {
		return Optional.empty();
	}

	/** Headers of the extension's own on the GET, HEAD and PUT answers of a non-collection (CalDAV's {@code Schedule-Tag}). */
	default Map<String, String> headers(DavResource resource) {
		return Map.of();
	}

	/**
	 * Checks conditional headers of the extension's own before a PUT or DELETE (CalDAV's
	 * {@code If-Schedule-Tag-Match}, RFC 6638 8.3); throws a {@link DavException}, 412 when one fails.
	 *
	 * @param target what is at the path now; empty for a PUT that creates
	 * @param header the request's header of a name, null when absent
	 */
	default void checkConditions(Optional<DavResource> target, Function<String, String> header) {
	}

	/** Makes a collection of a type (its resourcetype's other elements) with properties set at once; 403 where none can be made. */
	default void makeCollection(DavPath path, List<QName> types, List<DeadProperty> properties) {
		throw new DavException(403, "No collection of that type can be made here.");
	}
}
