package de.schulhaus.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Language switch on the sign-in page, before anybody is signed in. */
@Controller
class LanguageController {

	private final UserLocaleResolver locales;

	LanguageController(UserLocaleResolver locales) {
		this.locales = locales;
	}

	@PostMapping("/sprache")
	String switchLanguage(@RequestParam String lang, HttpServletRequest request, HttpServletResponse response) {
		locales.setLocale(request, response, UserLocaleResolver.supported(lang));
		return "redirect:/anmelden";
	}
}
