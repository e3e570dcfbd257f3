package de.schulhaus.accounts.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.privacy.PersonalDataRequests;
import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/**
 * Auskunft and Löschung (DSGVO Art. 15, 20 and 17): a person downloads their own data under "Mein
 * Konto", a school admin downloads or erases a person's data from the person's page. Downloads are
 * POSTs: each one is audited, so no link or prefetch may start one.
 */
@Controller
class PersonalDataController {

	private static final ZoneId SCHOOL_TIME = ZoneId.of("Europe/Berlin");

	private final PersonalDataRequests requests;

	PersonalDataController(PersonalDataRequests requests) {
		this.requests = requests;
	}

	@PostMapping("/konto/datenexport")
	void ownExport(@AuthenticationPrincipal SchulhausUser user, HttpServletResponse response) throws IOException {
		download(requests.me(user), user, response);
	}

	@PostMapping("/verwaltung/personen/{accountId}/datenexport")
	void export(@AuthenticationPrincipal SchulhausUser user, @PathVariable String accountId, HttpServletResponse response)
			throws IOException {
		download(requests.person(user.schoolId(), Ids.parse(accountId, "account")), user, response);
	}

	@PostMapping("/verwaltung/personen/{accountId}/loeschung")
	String erase(@AuthenticationPrincipal SchulhausUser user, @PathVariable String accountId,
			@RequestParam(required = false) String confirm, Model model, RedirectAttributes redirect) {
		UUID id = Ids.parse(accountId, "account");
		try {
			model.addAttribute("report", requests.erase(user.schoolId(), id, confirm, user));
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
			return "redirect:/verwaltung/personen/" + id;
		}
		return "accounts/erasure";
	}

	// the person is found before anything is written: a foreign id still answers 404
	private void download(DataSubject person, SchulhausUser user, HttpServletResponse response) throws IOException {
		String name = "datenexport-" + person.login().replaceAll("@.*", "").replaceAll("[^\\p{L}\\p{N}.-]", "_") + "-"
				+ LocalDate.now(SCHOOL_TIME) + ".zip";
		response.setContentType("application/zip");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		requests.export(person, user, response.getOutputStream());
		response.flushBuffer();
	}
}
