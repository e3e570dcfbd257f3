package de.schulhaus.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import de.schulhaus.platform.Apps;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.SearchProvider;

/** The global search: the person's apps by name, then what each module's provider finds for them. */
@Controller
class SearchController {

	private final List<SearchProvider> providers;
	private final Apps apps;
	private final MessageSource messages;

	SearchController(List<SearchProvider> providers, Apps apps, MessageSource messages) {
		this.providers = providers;
		this.apps = apps;
		this.messages = messages;
	}

	@GetMapping("/suche")
	String search(@AuthenticationPrincipal SchulhausUser user, @RequestParam(defaultValue = "") String q, Locale locale, Model model) {
		String query = q.strip();
		List<Section> sections = new ArrayList<>();
		if (query.length() >= 2 && query.length() <= 100) {
			String lower = query.toLowerCase(locale);
			List<SearchProvider.SearchHit> appHits = apps.of(user).stream()
				.filter(t -> messages.getMessage(t.labelKey(), null, t.key(), locale).toLowerCase(locale).contains(lower))
				.map(t -> new SearchProvider.SearchHit(messages.getMessage(t.labelKey(), null, t.key(), locale), "", t.href()))
				.toList();
			if (!appHits.isEmpty()) {
				sections.add(new Section("search.apps", appHits));
			}
			for (SearchProvider provider : providers.stream().filter(p -> apps.isOn(user, p.appKey())).toList()) {
				List<SearchProvider.SearchHit> hits = provider.search(user, query, 20);
				if (!hits.isEmpty()) {
					sections.add(new Section(provider.sectionKey(), hits));
				}
			}
		}
		model.addAttribute("q", query);
		model.addAttribute("sections", sections);
		model.addAttribute("tooShort", !query.isEmpty() && query.length() < 2);
		return "platform/search";
	}

	record Section(String titleKey, List<SearchProvider.SearchHit> hits) {
	}
}
