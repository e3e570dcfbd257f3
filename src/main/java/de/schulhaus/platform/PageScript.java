package de.schulhaus.platform;

/**
 * A small ES module a module runs on every page of the signed-in layout, for work that belongs to no one
 * page (say: telling the server of this browser's renewed push subscription). It finds the signed-in
 * account as {@code document.body.dataset.account} and must cost nothing when it has nothing to do.
 * <pre>
 * &#64;Bean PageScript pushDeviceCheck() { return new PageScript("/js/push-device.js"); }
 * </pre>
 *
 * @param path a static file under {@code /js/}, served with the page's versioned asset URLs
 */
public record PageScript(String path) {

	public PageScript {
		if (path == null || !path.startsWith("/js/") || !path.endsWith(".js") || path.contains("..")) {
			throw new IllegalArgumentException("a page script is a static module under /js/: " + path);
		}
	}
}
