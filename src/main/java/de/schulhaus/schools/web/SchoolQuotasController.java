package de.schulhaus.schools.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.Quotas;
import de.schulhaus.schools.SchoolManagement;

/** The school admin sets the storage each role gets in their own school (people can get their own on their page). */
@Controller
class SchoolQuotasController {

	private final SchoolManagement schools;

	SchoolQuotasController(SchoolManagement schools) {
		this.schools = schools;
	}

	@GetMapping("/verwaltung/speicher")
	String page(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("school", schools.require(user.schoolId()));
		return "schools/quotas";
	}

	@PostMapping("/verwaltung/speicher")
	String change(@AuthenticationPrincipal SchulhausUser user, @ModelAttribute Quotas form, RedirectAttributes redirect) {
		try {
			schools.changeQuotas(user.schoolId(), form, user);
			redirect.addFlashAttribute("toast", "schools.toast.quotasChanged");
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
		}
		return "redirect:/verwaltung/speicher";
	}
}
