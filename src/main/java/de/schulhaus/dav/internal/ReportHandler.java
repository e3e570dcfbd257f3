package de.schulhaus.dav.internal;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.xml.stream.XMLStreamException;

import de.schulhaus.dav.DavElement;
import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavExtension;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavQuota;
import de.schulhaus.dav.DavReport;
import de.schulhaus.dav.DavReportRequest;
import de.schulhaus.dav.DavResource;
import de.schulhaus.dav.DeadProperty;

/**
 * REPORT (RFC 3253 3.6): the tree's extension selects the resources and computes what only it knows;
 * the answer is written like a PROPFIND's, response by response, with the sync token at the end where
 * the report has one (RFC 6578).
 */
public final class ReportHandler {

	private ReportHandler() {
	}

	/**
	 * POST to a resource whose extension answers it with a document of its own (CalDAV's scheduling
	 * outbox, RFC 6638 5): 405 where it does not.
	 */
	public static void post(DavExchange x) throws IOException {
		DavResource target = x.existing();
		byte[] body = DavRequests.body(x.request().getInputStream());
		DavReport answer = x.repo().extension().post(target, body, x.request().getContentType())
			.orElseThrow(() -> new DavException(405, "POST is not served on " + target.path() + "."));
		x.response().setStatus(200);
		x.response().setContentType(answer.contentType());
		x.response().getOutputStream().write(answer.content().getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	public static void report(DavExchange x) throws IOException, XMLStreamException {
		DavExtension extension = x.repo().extension();
		DavResource target = x.existing();
		DavElement body = DavElement.parse(DavRequests.body(x.request().getInputStream()));
		String depthHeader = x.request().getHeader("Depth");
		int depth = depthHeader == null || depthHeader.strip().equals("0") ? 0 : 1;
		String prefix = x.prefix();
		Function<String, Optional<DavPath>> paths = href -> {
			try {
				String raw = URI.create(href.strip()).getRawPath();
				return raw == null ? Optional.empty() : Optional.of(Hrefs.parse(raw, prefix));
			}
			catch (IllegalArgumentException | DavException ex) {
				return Optional.empty();
			}
		};
		DavReport report = extension.report(new DavReportRequest(body, target, depth, paths))
			.orElseThrow(() -> new DavException(403, "The report " + body.name() + " is not served here.", "supported-report"));
		if (report.contentType() != null) {
			x.response().setStatus(200);
			x.response().setContentType(report.contentType());
			x.response().getOutputStream().write(report.content().getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return;
		}
		PropertyWriter writer = new PropertyWriter(extension, x.discovery(),
				report.properties().stream().anyMatch(LiveProperties::isQuota) ? x.repo().quota() : Optional.<DavQuota>empty());
		DavRequests.Propfind query = new DavRequests.Propfind(DavRequests.PropfindKind.PROP, report.properties());
		Iterable<DavReport.Item> items = report.items();
		Map<DavPath, List<DeadProperty>> dead = Map.of();
		if (report.properties().stream().anyMatch(n -> !writer.isLive(n))) {
			// dead properties are asked for: read them for all resources at once
			List<DavReport.Item> all = new ArrayList<>();
			items.forEach(all::add);
			items = all;
			dead = x.repo().deadProperties(all.stream().map(DavReport.Item::resource).filter(r -> r != null).toList());
		}
		try (Multistatus out = new Multistatus(x.response())) {
			for (DavReport.Item item : items) {
				DavResource resource = item.resource();
				out.startResponse(Hrefs.href(prefix, item.path(), resource != null && resource.collection()));
				if (resource == null) {
					out.status(404);
				}
				else {
					writer.write(resource, dead.getOrDefault(resource.path(), List.of()), query, item.values(), out);
				}
				out.endResponse();
			}
			if (report.syncToken() != null) {
				out.dav("sync-token");
				out.writer().writeCharacters(report.syncToken());
				out.writer().writeEndElement();
			}
		}
	}
}
