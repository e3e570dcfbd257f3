package de.schulhaus.platform.web;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import de.schulhaus.platform.PublicPath;

/**
 * The web app manifest, from which phones and desktop browsers install Schulhaus as an app (a PWA;
 * on iPhones that is what lets it receive notifications). Served with its own media type, which the
 * static files' handler does not know, and to everyone: browsers fetch it without cookies.
 */
@Controller
class WebAppManifestController {

	static final String PATH = "/manifest.webmanifest";
	private static final Resource MANIFEST = new ClassPathResource("platform/manifest.webmanifest");

	@Bean
	static PublicPath webAppManifest() {
		return new PublicPath(PATH);
	}

	@GetMapping(path = PATH, produces = "application/manifest+json")
	ResponseEntity<Resource> manifest() {
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic()).body(MANIFEST);
	}
}
