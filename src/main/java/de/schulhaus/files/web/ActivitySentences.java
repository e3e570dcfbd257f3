package de.schulhaus.files.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import de.schulhaus.dav.DavPath;
import de.schulhaus.files.internal.Spaces;
import de.schulhaus.platform.SchulhausUser;

/** The activity of a person's spaces as sentences: "Anna Abel hat 3 Dateien in „7b“ hochgeladen". */
@Component
class ActivitySentences {

	private final Spaces spaces;
	private final MessageSource messages;

	ActivitySentences(Spaces spaces, MessageSource messages) {
		this.spaces = spaces;
		this.messages = messages;
	}

	List<Line> of(SchulhausUser user, int limit, Locale locale) {
		return spaces.activity(user, limit).stream().map(line -> {
			String space = Spaces.PERSONAL_KEY.equals(line.spaceKey()) ? messages.getMessage("files.space.personal", null, locale)
					: line.spaceName();
			String actor = line.actorName() != null ? line.actorName() : messages.getMessage("files.activity.someone", null, locale);
			String text = messages.getMessage("files.activity." + line.action(), new Object[] { actor, line.count(), space, line.name() },
					locale);
			return new Line(text, line.at(), FileLocation.url(line.spaceKey(), null, DavPath.ROOT));
		}).toList();
	}

	/** A sentence, when, and the space it happened in. */
	record Line(String text, Instant at, String spaceHref) {
	}
}
