package de.schulhaus.mail.digest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import de.schulhaus.chat.MentionDigests;
import de.schulhaus.platform.Apps;
import de.schulhaus.platform.ProfileSection;
import de.schulhaus.platform.SchulhausUser;

/**
 * "E-Mail bei ungelesenen Erwähnungen" on Mein Konto, for people of a school whose mail app is on: the switch is the
 * person's own, so the form names no account and changes only the signed-in person's setting.
 */
@Controller
class MentionDigestSettings {

	private final MentionDigests digests;

	MentionDigestSettings(MentionDigests digests) {
		this.digests = digests;
	}

	@PostMapping("/konto/erwaehnungen-per-mail")
	String save(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "false") boolean an, RedirectAttributes redirect) {
		digests.setMailWanted(user, an);
		redirect.addFlashAttribute("toast", an ? "mail.digest.profile.savedOn" : "mail.digest.profile.savedOff");
		return "redirect:/konto#erwaehnungen-per-mail";
	}

	@Configuration(proxyBeanMethods = false)
	static class Section {

		@Bean
		ProfileSection mentionDigestProfileSection(Apps apps) {
			return new ProfileSection() {
				@Override
				public String fragment() {
					return "mail/digest/profile :: section";
				}

				@Override
				public int order() {
					return 20;
				}

				@Override
				public boolean shownTo(SchulhausUser user) {
					return user.schoolId() != null && apps.isOn(user, MentionDigestMail.APP);
				}
			};
		}
	}
}
