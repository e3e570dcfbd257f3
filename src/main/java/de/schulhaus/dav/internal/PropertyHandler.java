package de.schulhaus.dav.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import de.schulhaus.dav.DavException;
import de.schulhaus.dav.DavExtension;
import de.schulhaus.dav.DavPath;
import de.schulhaus.dav.DavQuota;
import de.schulhaus.dav.DavRepository;
import de.schulhaus.dav.DavResource;
import de.schulhaus.dav.DeadProperty;

/**
 * PROPFIND (depth 0 and 1; infinity refused with {@code propfind-finite-depth}) and PROPPATCH. A depth
 * 1 costs the repository one query for the members and one for all their dead properties. A PROPFIND
 * without Depth is served as depth 1, not refused.
 */
public final class PropertyHandler {

	private PropertyHandler() {
	}

	public static void propfind(HttpServletRequest request, HttpServletResponse response, DavRepository repo, DavResource target,
			String prefix, LockDiscovery locks) throws IOException, XMLStreamException {
		// RFC 4918 reads a missing Depth as infinity, which is refused; but many clients (Windows' mini-redirector,
		// some file managers) send none and want a folder's listing, so a missing Depth means 1
		String depth = request.getHeader("Depth") == null ? "1" : request.getHeader("Depth").strip();
		if (depth.equalsIgnoreCase("infinity")) {
			throw new DavException(403, "PROPFIND with Depth infinity is not served; ask with Depth 0 or 1.", "propfind-finite-depth");
		}
		if (!depth.equals("0") && !depth.equals("1")) {
			throw new DavException(400, "Depth is 0, 1 or infinity.");
		}
		DavRequests.Propfind query = DavRequests.propfind(DavRequests.body(request.getInputStream()));
		List<DavResource> resources = new ArrayList<>();
		resources.add(target);
		if (depth.equals("1") && target.collection()) {
			resources.addAll(repo.children(target));
		}
		DavExtension extension = repo.extension();
		Map<DavPath, List<DeadProperty>> dead = query.kind() == DavRequests.PropfindKind.PROP && query.names().stream()
			.allMatch(n -> LiveProperties.isLive(n) || extension.isLive(n)) ? Map.of() : repo.deadProperties(resources);
		Optional<DavQuota> quota = query.kind() == DavRequests.PropfindKind.PROP && query.names().stream()
			.anyMatch(LiveProperties::isQuota) ? repo.quota() : Optional.empty();
		PropertyWriter writer = new PropertyWriter(repo.extension(), locks, quota);
		try (Multistatus out = new Multistatus(response)) {
			for (DavResource resource : resources) {
				out.startResponse(Hrefs.href(prefix, resource.path(), resource.collection()));
				writer.write(resource, dead.getOrDefault(resource.path(), List.of()), query, Map.of(), out);
				out.endResponse();
			}
		}
	}

	/** Sets and removes dead properties all or nothing; live ones are protected (403, the rest 424). */
	public static void proppatch(HttpServletRequest request, HttpServletResponse response, DavRepository repo, DavResource target,
			String prefix) throws IOException, XMLStreamException {
		List<DavRequests.Patch> patches = DavRequests.proppatch(DavRequests.body(request.getInputStream()));
		DavExtension extension = repo.extension();
		boolean refused = patches.stream().anyMatch(p -> LiveProperties.isLive(p.name()) || extension.isLive(p.name()));
		if (!refused) {
			List<DeadProperty> set = new ArrayList<>();
			List<QName> remove = new ArrayList<>();
			// later instructions win over earlier ones for the same name
			for (DavRequests.Patch patch : patches) {
				set.removeIf(p -> p.name().equals(patch.name()));
				remove.remove(patch.name());
				if (patch.remove()) {
					remove.add(patch.name());
				}
				else {
					set.add(patch.property());
				}
			}
			repo.patchProperties(target, set, remove);
		}
		try (Multistatus out = new Multistatus(response)) {
			out.startResponse(Hrefs.href(prefix, target.path(), target.collection()));
			for (DavRequests.Patch patch : patches) {
				out.startPropstat();
				out.emptyProperty(patch.name());
				out.endPropstat(!refused ? 200 : LiveProperties.isLive(patch.name()) || extension.isLive(patch.name()) ? 403 : 424);
			}
			out.endResponse();
		}
	}
}
