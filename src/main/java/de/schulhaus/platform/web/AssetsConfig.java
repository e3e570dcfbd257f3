package de.schulhaus.platform.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Content-hashed URLs of our static files, resolved once per path. Spring's URL-encoding filter
 * would run every link of every page through the resource resolvers (and miss the cache for links
 * that are pages, not files), which cost half the CPU of rendering the dashboard. Templates call
 * {@code ${@assets.url('/css/schulhaus.css')}} instead.
 */
@Configuration(proxyBeanMethods = false)
class AssetsConfig {

	@Bean("assets")
	AssetUrls assetUrls(ResourceUrlProvider resources) {
		return new AssetUrls(resources);
	}

	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

	public static final class AssetUrls {

		private final ResourceUrlProvider resources;
		private final Map<String, String> urls = new ConcurrentHashMap<>();

		AssetUrls(ResourceUrlProvider resources) {
			this.resources = resources;
		}

		public String url(String path) {
			return urls.computeIfAbsent(path, p -> {
				String versioned = resources.getForLookupPath(p);
				return versioned != null ? versioned : p;
			});
		}

		/** The icon sprite, for {@code <use href="...#name">}. */
		public String icon(String name) {
			return url("/webjars/lucide-static/sprite.svg") + "#" + name;
		}
	}
}
