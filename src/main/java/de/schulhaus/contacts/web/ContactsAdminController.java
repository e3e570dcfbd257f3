package de.schulhaus.contacts.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.contacts.internal.DirectoryPolicy;
import de.schulhaus.contacts.internal.PupilDirectory;
import de.schulhaus.platform.SchulhausUser;

/** The school admin's address book setting (/verwaltung is for school admins only): what pupils see in the school's directory. */
@Controller
class ContactsAdminController {

	private final DirectoryPolicy policy;

	ContactsAdminController(DirectoryPolicy policy) {
		this.policy = policy;
	}

	@GetMapping("/verwaltung/adressbuch")
	String page(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("pupilsSee", policy.of(user.schoolId()).column());
		return "contacts/settings";
	}

	@PostMapping("/verwaltung/adressbuch")
	String change(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "") String schueler, RedirectAttributes redirect) {
		// the form offers only the three choices: anything else is a forged request
		PupilDirectory value = PupilDirectory.of(schueler).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
		policy.set(user, value);
		redirect.addFlashAttribute("toast", "contacts.settings.toast.saved");
		return "redirect:/verwaltung/adressbuch";
	}
}
