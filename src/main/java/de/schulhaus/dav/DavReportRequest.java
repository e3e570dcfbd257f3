package de.schulhaus.dav;

import java.util.Optional;
import java.util.function.Function;

/**
 * A REPORT as the extension sees it.
 *
 * @param body the parsed body; its root names the report
 * @param target the resource the REPORT was sent to
 * @param depth 0 or 1 (the Depth header; 0 when absent, as RFC 3253 says)
 * @param paths turns an href of the request into a path of this tree, empty when it lies outside
 */
public record DavReportRequest(DavElement body, DavResource target, int depth, Function<String, Optional<DavPath>> paths) {
}
