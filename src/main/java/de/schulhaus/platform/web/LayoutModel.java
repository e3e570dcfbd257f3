package de.schulhaus.platform.web;

import java.util.Comparator;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.SchulhausUser;

/** Puts what the layout needs into every page's model: the signed-in person and their apps. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutModelAdvice {

	private final List<AppTile> tiles;
	private final AssetsConfig.AssetUrls assets;

	LayoutModelAdvice(List<AppTile> tiles, AssetsConfig.AssetUrls assets) {
		this.tiles = tiles.stream().sorted(Comparator.comparingInt(AppTile::order)).toList();
		this.assets = assets;
	}

	/** Versioned URLs of static files; link attributes may not call beans directly. */
	@ModelAttribute("assets")
	AssetsConfig.AssetUrls assets() {
		return assets;
	}

	@ModelAttribute("me")
	SchulhausUser me(@AuthenticationPrincipal SchulhausUser user) {
		return user;
	}

	@ModelAttribute("apps")
	List<AppTile> apps(@AuthenticationPrincipal SchulhausUser user) {
		if (user == null) {
			return List.of();
		}
		return tiles.stream().filter(tile -> tile.visibleTo(user)).toList();
	}
}
