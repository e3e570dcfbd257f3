package de.schulhaus.platform.web;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.platform.AppTile;
import de.schulhaus.platform.Apps;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/** The school admin switches each feature app on or off per role (tools of the admin are not listed). */
@Controller
@RequestMapping("/verwaltung/apps")
class AppSettingsController {

	private final Apps apps;

	AppSettingsController(Apps apps) {
		this.apps = apps;
	}

	@GetMapping
	String show(@AuthenticationPrincipal SchulhausUser user, Model model) {
		Set<Apps.Switch> off = apps.switchedOff(user.schoolId());
		model.addAttribute("rows", apps.switchable().stream().map(tile -> new Row(tile, Apps.rolesOf(tile), off)).toList());
		model.addAttribute("roles", Apps.SWITCHABLE_ROLES);
		return "platform/apps";
	}

	/** {@code on}: {@code <app key>:<ROLE>} of every box that is ticked; every other offered one is off. */
	@PostMapping
	String save(@AuthenticationPrincipal SchulhausUser user, @RequestParam(name = "on", required = false) List<String> on,
			RedirectAttributes redirect) {
		Set<String> ticked = on == null ? Set.of() : Set.copyOf(on);
		Set<Apps.Switch> off = new HashSet<>();
		for (AppTile tile : apps.switchable()) {
			for (Role role : Apps.rolesOf(tile)) {
				if (!ticked.contains(tile.key() + ":" + role)) {
					off.add(new Apps.Switch(tile.key(), role));
				}
			}
		}
		apps.setSwitchedOff(user, off);
		redirect.addFlashAttribute("toast", "apps.toast.saved");
		return "redirect:/verwaltung/apps";
	}

	/** One app with the roles it is meant for and whether it is on for each. */
	record Row(AppTile tile, List<Role> roles, Set<Apps.Switch> off) {

		public boolean offers(Role role) {
			return roles.contains(role);
		}

		public boolean isOn(Role role) {
			return !off.contains(new Apps.Switch(tile.key(), role));
		}
	}
}
