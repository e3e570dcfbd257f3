package de.schulhaus.platform.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import de.schulhaus.platform.Apps;
import de.schulhaus.platform.BadgeProvider;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.PageScript;
import de.schulhaus.platform.SchulhausUser;

/**
 * Puts what the layout needs into every rendered page's model: the signed-in person ({@code me}),
 * their apps (every {@code AppTile} bean, minus what their school switched off), the numbers beside
 * the bell and the tiles ({@link LayoutCounts}, queried only if rendered), the modules' {@link PageScript}s
 * and the versioned asset URLs. An interceptor rather than {@code @ModelAttribute} methods: those are looked up and invoked
 * through argument resolution on every request, also for redirects, which cost more than the
 * dashboard's own query.
 */
@Configuration
class LayoutModel implements WebMvcConfigurer, HandlerInterceptor {

	private final Apps apps;
	private final Notifications notifications;
	private final Map<String, List<BadgeProvider>> badges;
	private final List<String> pageScripts;
	/** Looked up on first use: the asset URLs come from Spring MVC's resource chain, which this configures. */
	private final ObjectProvider<AssetsConfig.AssetUrls> assetsProvider;
	private volatile AssetsConfig.AssetUrls assets;

	LayoutModel(Apps apps, Notifications notifications, List<BadgeProvider> badges, List<PageScript> pageScripts,
			ObjectProvider<AssetsConfig.AssetUrls> assets) {
		this.apps = apps;
		this.pageScripts = pageScripts.stream().map(PageScript::path).distinct().toList();
		this.notifications = notifications;
		this.badges = badges.stream().collect(Collectors.groupingBy(BadgeProvider::appKey));
		this.assetsProvider = assets;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
		if (page == null || (page.getViewName() != null && page.getViewName().startsWith("redirect:"))) {
			return;
		}
		SchulhausUser me = currentUser();
		page.addObject("assets", assets());
		page.addObject("me", me);
		page.addObject("apps", apps.of(me));
		if (me != null) {
			page.addObject("counts", new LayoutCounts(me, notifications, badges));
			page.addObject("pageScripts", pageScripts);
		}
	}

	private AssetsConfig.AssetUrls assets() {
		AssetsConfig.AssetUrls urls = assets;
		if (urls == null) {
			urls = assetsProvider.getObject();
			assets = urls;
		}
		return urls;
	}

	private static SchulhausUser currentUser() {
		var auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof SchulhausUser user ? user : null;
	}
}
