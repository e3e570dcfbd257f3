package de.schulhaus.accounts.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.accounts.StorageQuotas;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;

/** The school admin gives one person more or less storage than their role's default. */
@Controller
class StorageController {

	private final StorageQuotas quotas;

	StorageController(StorageQuotas quotas) {
		this.quotas = quotas;
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
