package de.schulhaus.accounts.web;

import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.blobs.BlobOwner;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.Quotas;
import de.schulhaus.schools.SchoolManagement;

/**
 * The school admin sets the storage each role, each group and the spaces "Schule" and "Verwaltung" get
 * (beside how full those two are), and gives one person or group more or less than the default.
 */
@Controller
class StorageController {

	private final StorageQuotas quotas;
	private final SchoolManagement schools;

	StorageController(StorageQuotas quotas, SchoolManagement schools) {
		this.quotas = quotas;
		this.schools = schools;
	}

	@GetMapping("/verwaltung/speicher")
	String school(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("school", schools.require(user.schoolId()));
		// keyed by the form's field, so the bar shows under the quota it fills
		model.addAttribute("spaceUsage", Map.of("schoolFilesMb", quotas.usage(BlobOwner.schoolSpace(user.schoolId())),
				"officeFilesMb", quotas.usage(BlobOwner.officeSpace(user.schoolId()))));
		return "accounts/school-storage";
	}

	@PostMapping("/verwaltung/speicher")
	String changeSchool(@AuthenticationPrincipal SchulhausUser user, @ModelAttribute Quotas form, RedirectAttributes redirect) {
		try {
			schools.changeQuotas(user.schoolId(), form, user);
			redirect.addFlashAttribute("toast", "schools.toast.quotasChanged");
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
		}
		return "redirect:/verwaltung/speicher";
	}

	@PostMapping("/verwaltung/personen/{accountId}/speicher")
	String personal(@AuthenticationPrincipal SchulhausUser user, @PathVariable String accountId,
			@RequestParam(required = false) Long filesQuotaMb, @RequestParam(required = false) Long mailQuotaMb, RedirectAttributes redirect) {
		var id = Ids.parse(accountId, "account");
		try {
			quotas.setPersonal(user.schoolId(), id, filesQuotaMb, mailQuotaMb, user);
			redirect.addFlashAttribute("toast", "storage.toast.saved");
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
		}
		return "redirect:/verwaltung/personen/" + id + "#speicher";
	}

	@PostMapping("/verwaltung/gruppen/{groupId}/speicher")
	String group(@AuthenticationPrincipal SchulhausUser user, @PathVariable String groupId,
			@RequestParam(required = false) Long filesQuotaMb, RedirectAttributes redirect) {
		var id = Ids.parse(groupId, "group");
		try {
			quotas.setGroup(user.schoolId(), id, filesQuotaMb, user);
			redirect.addFlashAttribute("toast", "storage.toast.saved");
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("toast", e.messageKey());
		}
		return "redirect:/verwaltung/gruppen/" + id + "#speicher";
	}
}
