package de.schulhaus.mail.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.mail.internal.MailPolicies;
import de.schulhaus.mail.internal.MailPolicy;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.Role;
import de.schulhaus.platform.SchulhausUser;

/**
 * The school's mail rules per role: whether people may write outside the school, their largest
 * message, whether they may forward mail outside. Quotas are on the school's storage page.
 */
@Controller
class MailPolicyController {

	private final MailPolicies policies;
	private final PolicyChanges changes;
	private final Problems problems;

	MailPolicyController(MailPolicies policies, PolicyChanges changes, Problems problems) {
		this.policies = policies;
		this.changes = changes;
		this.problems = problems;
	}

	@GetMapping("/verwaltung/mail/richtlinien")
	String page(@AuthenticationPrincipal SchulhausUser user, Model model) {
		model.addAttribute("policies", List.copyOf(policies.all(user.schoolId()).values()));
		model.addAttribute("maxMb", MailPolicies.MAX_MESSAGE_MB);
		return "mail/admin/policy";
	}

	/** One form for all roles: {@code outside_<ROLE>}, {@code maxMb_<ROLE>}, {@code forwarding_<ROLE>}; an unticked box is absent. */
	@PostMapping("/verwaltung/mail/richtlinien")
	String save(@AuthenticationPrincipal SchulhausUser user, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
		List<MailPolicy> next = new ArrayList<>();
		for (Role role : policies.all(user.schoolId()).keySet()) {
			String max = form.getOrDefault("maxMb_" + role.name(), "").strip();
			int mb;
			try {
				mb = Integer.parseInt(max);
			} catch (NumberFormatException e) {
				mb = -1;
			}
			next.add(new MailPolicy(role, form.containsKey("outside_" + role.name()), mb, form.containsKey("forwarding_" + role.name())));
		}
		try {
			changes.saveAll(user, next);
			redirect.addFlashAttribute("toast", "mail.admin.policy.saved");
		} catch (InvalidInputException ex) {
			problems.flash(redirect, ex);
		}
		return "redirect:/verwaltung/mail/richtlinien";
	}
}
