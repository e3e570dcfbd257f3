package de.schulhaus.files.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.DashboardCard;
import de.schulhaus.platform.SchulhausUser;

/** "Neues in Dateien" on the dashboard: the five newest activity lines; no card where nothing happened. */
@Component
class FilesActivityCard implements DashboardCard {

	private final ActivitySentences sentences;

	FilesActivityCard(ActivitySentences sentences) {
		this.sentences = sentences;
	}

	@Override
	public String fragment() {
		return "files/cards :: activity";
	}

	@Override
	public int order() {
		return 20;
	}

	@Override
	public String appKey() {
		return "files";
	}

	@Override
	public Optional<Map<String, Object>> model(SchulhausUser user) {
		if (user.schoolId() == null) {
			return Optional.empty();
		}
		List<ActivitySentences.Line> lines = sentences.of(user, 5, LocaleContextHolder.getLocale());
		return lines.isEmpty() ? Optional.empty() : Optional.of(Map.of("lines", lines));
	}
}
