package de.schulhaus.dav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import de.schulhaus.dav.internal.ActiveLock;
import de.schulhaus.dav.internal.ContentHandler;
import de.schulhaus.dav.internal.DavExchange;
import de.schulhaus.dav.internal.DavLocks;
import de.schulhaus.dav.internal.DavXml;
import de.schulhaus.dav.internal.Hrefs;
import de.schulhaus.dav.internal.IfHeader;
import de.schulhaus.dav.internal.LockHandler;
import de.schulhaus.dav.internal.Preconditions;
import de.schulhaus.dav.internal.PropertyHandler;
import de.schulhaus.dav.internal.ReportHandler;
import de.schulhaus.dav.internal.TreeHandler;

/**
 * Serves one WebDAV request on a module's {@link DavRepository}: the module resolves who asks and
 * which tree, the engine does the protocol (RFC 4918 classes 1 and 2). Refusals become a status
 * with a short text, or the DAV: precondition element the RFC names.
 */
@Component
public class DavEngine {

	private static final Logger log = LoggerFactory.getLogger(DavEngine.class);
	private static final String METHODS = "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, MKCOL, COPY, MOVE, LOCK, UNLOCK";

	private final DavLocks locks;

	DavEngine(DavLocks locks) {
		this.locks = locks;
	}

	/**
	 * @param prefix the raw path of the tree's root as the client addresses it, ending in a slash
	 *               (say {@code /dav/files/anna.schmidt@schule.de/})
	 */
	public void handle(HttpServletRequest request, HttpServletResponse response, DavRepository repo, String prefix) throws IOException {
		try {
			DavPath path = Hrefs.parse(request.getRequestURI(), prefix);
			String method = request.getMethod();
			DavExtension extension = repo.extension();
			if (method.equals("OPTIONS")) {
				response.setHeader("DAV", String.join(", ", classes(extension)));
				response.setHeader("Allow", methods(extension));
				response.setHeader("MS-Author-Via", "DAV");
				response.setStatus(200);
				return;
			}
			Optional<DavResource> target = repo.find(path);
			// a tree known to have no locks (most of them) costs no query for them
			List<ActiveLock> active = repo.knownLocks().orElse(true) ? locks.active(repo.schoolId(), repo.lockSpace()) : List.of();
			if (!active.isEmpty()) {
				active = ActiveLock.inView(active, repo.lockRoot());
			}
			DavExchange x = new DavExchange(request, response, repo, prefix, path, target, active,
					IfHeader.parse(request.getHeader("If")), locks);
			Preconditions.checkIf(x);
			if (target.isPresent() && !method.equals("PUT")) {
				// a missing resource keeps its 404 (RFC 9110 13.2.1); a PUT checks after its parent (409 first)
				Preconditions.checkIfMatch(x);
			}
			if (method.equals("PUT") || method.equals("DELETE") && target.isPresent()) {
				extension.checkConditions(target, request::getHeader);
			}
			if ((method.equals("REPORT") || method.equals("MKCALENDAR")) && !extension.methods().contains(method)) {
				response.setHeader("Allow", methods(extension));
				throw new DavException(405, method + " is not served on this tree.");
			}
			switch (method) {
				case "GET" -> ContentHandler.get(x, false);
				case "HEAD" -> ContentHandler.get(x, true);
				case "PUT" -> ContentHandler.put(x);
				case "PROPFIND" -> PropertyHandler.propfind(request, response, repo, x.existing(), prefix, x.discovery());
				case "PROPPATCH" -> {
					Preconditions.checkUnlocked(x, path, false, false);
					PropertyHandler.proppatch(request, response, repo, x.existing(), prefix);
				}
				case "MKCOL" -> TreeHandler.mkcol(x);
				case "DELETE" -> TreeHandler.delete(x);
				case "COPY" -> TreeHandler.copyOrMove(x, false);
				case "MOVE" -> TreeHandler.copyOrMove(x, true);
				case "REPORT" -> ReportHandler.report(x);
				case "POST" -> {
					if (!extension.methods().contains(method)) {
						response.setHeader("Allow", methods(extension));
						throw new DavException(405, "POST is not served on this tree.");
					}
					ReportHandler.post(x);
				}
				case "MKCALENDAR" -> TreeHandler.mkcalendar(x);
				case "LOCK" -> LockHandler.lock(x);
				case "UNLOCK" -> LockHandler.unlock(x);
				default -> {
					response.setHeader("Allow", methods(extension));
					throw new DavException(405, method + " is not a WebDAV method here.");
				}
			}
		}
		catch (DavException ex) {
			refuse(response, ex);
		}
		catch (XMLStreamException ex) {
			log.warn("WebDAV answer could not be written", ex);
			if (!response.isCommitted()) {
				response.sendError(500);
			}
		}
	}

	private static List<String> classes(DavExtension extension) {
		List<String> classes = new java.util.ArrayList<>(List.of("1", "2"));
		classes.addAll(extension.complianceClasses());
		return classes;
	}

	private static String methods(DavExtension extension) {
		return extension.methods().isEmpty() ? METHODS : METHODS + ", " + String.join(", ", extension.methods());
	}

	private static void refuse(HttpServletResponse response, DavException ex) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(ex.status());
		if (ex.precondition() == null) {
			response.setContentType("text/plain;charset=UTF-8");
			response.getOutputStream().write((ex.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
			return;
		}
		response.setContentType("application/xml;charset=UTF-8");
		try {
			XMLStreamWriter xml = DavXml.writer(response.getOutputStream());
			xml.writeStartDocument("UTF-8", "1.0");
			xml.writeStartElement("D", "error", DavXml.DAV);
			xml.writeNamespace("D", DavXml.DAV);
			DavXmlOut out = new DavXmlOut(xml);
			out.start(ex.precondition());
			if (ex.href() != null) {
				out.href(ex.href());
			}
			out.end();
			xml.writeComment(" " + ex.getMessage().replace("--", "-") + " ");
			xml.writeEndElement();
			xml.writeEndDocument();
			xml.flush();
		}
		catch (XMLStreamException e) {
			throw new IOException(e);
		}
	}
}
