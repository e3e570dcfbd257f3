package de.schulhaus.platform.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import de.schulhaus.platform.Apps;
import de.schulhaus.platform.DashboardCard;
import de.schulhaus.platform.SchulhausUser;

/** The start page after sign-in: the person's apps and the cards modules fill for them (every card bean). */
@Controller
class DashboardController {

	private final List<DashboardCard> cards;
	private final Apps apps;

	DashboardController(List<DashboardCard> cards, Apps apps) {
		this.cards = cards.stream().sorted(Comparator.comparingInt(DashboardCard::order)).toList();
		this.apps = apps;
	}

	@GetMapping("/")
	String dashboard(@AuthenticationPrincipal SchulhausUser user, Model model) {
		List<FilledCard> filled = cards.stream()
			.filter(card -> apps.isOn(user, card.appKey()))
			.flatMap(card -> card.model(user).map(m -> new FilledCard(card.fragment(), m)).stream())
			.toList();
		model.addAttribute("cards", filled);
		return "platform/dashboard";
	}

	record FilledCard(String fragment, Map<String, Object> model) {
	}
}
