package de.schulhaus.platform.web;

import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.Notifications;
import de.schulhaus.platform.SchulhausUser;

/**
 * Puts what the layout needs into every rendered page's model: the signed-in person ({@code me}),
 * their apps, the counts beside the bell ({@link LayoutCounts}, queried only if rendered) and the
 * versioned asset URLs. An interceptor rather than {@code @ModelAttribute}
 * methods: those are looked up and invoked through argument resolution on every request, also for
 * redirects, which cost more than the dashboard's own query.
 */
@Configuration
class LayoutModel implements WebMvcConfigurer, HandlerInterceptor {

	private final List<AppTile> tiles;
	private final Notifications notifications;
	/** Looked up on first use: the asset URLs come from Spring MVC's resource chain, which this configures. */
	private final ObjectProvider<AssetsConfig.AssetUrls> assetsProvider;
	private volatile AssetsConfig.AssetUrls assets;

	LayoutModel(List<AppTile> tiles, Notifications notifications, ObjectProvider<AssetsConfig.AssetUrls> assets) {
		this.tiles = tiles.stream().sorted(Comparator.comparingInt(AppTile::order)).toList();
		this.notifications = notifications;
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
		page.addObject("apps", me == null ? List.of() : tiles.stream().filter(tile -> tile.visibleTo(me)).toList());
		if (me != null) {
			page.addObject("counts", new LayoutCounts(me, notifications));
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
