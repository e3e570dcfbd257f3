package de.schulhaus.platform;

import static de.schulhaus.platform.PersonalDataProvider.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * A module added later (files, mail, chat), as far as personal data goes: a bean in the test
 * sources, which the platform picks up without knowing it. It writes JSON and an original file, and
 * remembers whom it erased.
 */
@Component
public class LaterModulePersonalData implements PersonalDataProvider {

	public static final String ORIGINAL = "Referat über Bienen, Entwurf 3\n";

	private final Set<UUID> erased = ConcurrentHashMap.newKeySet();

	@Override
	public String section() {
		return "spaeter";
	}

	@Override
	public String titleKey() {
		return "personalData.section.later";
	}

	@Override
	public int order() {
		return 500;
	}

	@Override
	public void export(DataSubject person, PersonalDataExport export) throws IOException {
		export.json("notizen.json", text("personalData.later.file"), Map.of("owner", person.login(), "notes", List.of("Bienen")));
		export.file("dateien/Referat: Bienen?.txt", text("personalData.later.original"),
				new ByteArrayInputStream(ORIGINAL.getBytes(StandardCharsets.UTF_8)));
	}

	@Override
	public Erasure erase(DataSubject person, SchulhausUser actor) {
		erased.add(person.accountId());
		return new Erasure(List.of(text("personalData.later.erased")), List.of(new Kept(text("personalData.later.kept"),
				text("personalData.later.keptWhy"), Instant.now().plus(30, ChronoUnit.DAYS))));
	}

	public boolean erased(UUID accountId) {
		return erased.contains(accountId);
	}
}
