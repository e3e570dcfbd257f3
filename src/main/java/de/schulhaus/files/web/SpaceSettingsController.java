package de.schulhaus.files.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.dav.DavPath;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;

/**
 * The switch on a space's page: a group's teachers decide whether pupils change its files, school
 * admins whether teachers and staff change the school's. For anybody else the switch does not exist.
 */
@Controller
class SpaceSettingsController {

	private final FileBrowserSpaces browser;
	private final Spaces spaces;

	SpaceSettingsController(FileBrowserSpaces browser, Spaces spaces) {
		this.browser = browser;
		this.spaces = spaces;
	}

	@PostMapping("/dateien/{space}/schreibrechte")
	String writers(@AuthenticationPrincipal SchulhausUser user, @PathVariable String space,
			@RequestParam(defaultValue = "false") boolean erlaubt, RedirectAttributes redirect) {
		FileBrowserSpaces.Space opened = browser.open(user, space);
		if (browser.writers(opened) == null) {
			throw new NotFoundException("space setting");
		}
		spaces.setWriters(user, opened.space().id().toString(), erlaubt);
		redirect.addFlashAttribute("toast", "files.writers.toast.saved");
		return "redirect:" + FileLocation.url(opened.key(), null, DavPath.ROOT);
	}
}
