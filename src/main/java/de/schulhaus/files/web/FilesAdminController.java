package de.schulhaus.files.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.SchulhausUser;

/** The school admin's file settings (/verwaltung is for school admins only): whether pupils may make links for people without an account. */
@Controller
class FilesAdminController {

	private final Spaces spaces;

	FilesAdminController(Spaces spaces) {
		this.spaces = spaces;
	}

	@GetMapping("/verwaltung/dateien")
	String page(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("pupilsMayLink", spaces.pupilsMayLink(user.schoolId()));
		return "files/settings";
	}

	@PostMapping("/verwaltung/dateien")
	String change(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "false") boolean schuelerLinks,
			RedirectAttributes redirect) {
		spaces.setPupilsMayLink(user, schuelerLinks);
		redirect.addFlashAttribute("toast", "files.settings.toast.saved");
		return "redirect:/verwaltung/dateien";
	}
}
