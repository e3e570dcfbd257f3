package de.schulhaus.accounts.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.SchulhausUser;

/** The audit log: school admins see their school's entries, the operator sees all and checks the chain. */
@Controller
class AuditController {

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/verwaltung/protokoll")
	String school(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("entries", audit.recent(user.schoolId(), 500));
		return "accounts/audit";
	}

	@GetMapping("/betrieb/protokoll")
	String all(Model model) {
		model.addAttribute("entries", audit.recent(null, 500));
		return "accounts/audit";
	}

	@GetMapping("/betrieb/protokoll/kette")
	String chain(@RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
		model.addAttribute("verification", audit.verify());
		if (htmx != null) {
			return "accounts/audit :: chain";
		}
		model.addAttribute("entries", audit.recent(null, 500));
		return "accounts/audit";
	}
}
