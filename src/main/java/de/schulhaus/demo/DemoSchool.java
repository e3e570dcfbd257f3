package de.schulhaus.demo;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.accounts.AccountManagement;
import de.schulhaus.accounts.GroupManagement;
import de.schulhaus.accounts.NewAccount;
import de.schulhaus.accounts.GroupKind;
import de.schulhaus.platform.PlatformProperties;
import de.schulhaus.platform.Role;
import de.schulhaus.schools.NewSchool;
import de.schulhaus.schools.SchoolManagement;
import de.schulhaus.schools.SchoolStatus;
import de.schulhaus.schools.SchoolType;

/**
 * Seeds "Gesamtschule Am Stadtpark" (school number 199999): an admin, 10 teachers, 60 pupils in
 * 5a, 5b and 6a, and the courses Mathe-LK Q1 and Englisch-GK Q1. Runs once: skipped when the
 * school exists. All demo people share one password, which the README lists.
 */
@Component
class DemoSchool {

	static final String NUMBER = "199999";
	static final String PASSWORD = "Schulhaus-Demo-2026";
	private static final Logger log = LoggerFactory.getLogger(DemoSchool.class);

	private static final List<String[]> TEACHERS = List.of(
			new String[] { "Sabine", "Becker" }, new String[] { "Thomas", "Schneider" }, new String[] { "Ayşe", "Yılmaz" },
			new String[] { "Jürgen", "Groß-Müller" }, new String[] { "Katrin", "Hoffmann" }, new String[] { "Michael", "Wagner" },
			new String[] { "Fatma", "Demir" }, new String[] { "Stefan", "Krause" }, new String[] { "Julia", "Schäfer" },
			new String[] { "Andreas", "Lehmann" });
	private static final String[] FIRST = { "Mia", "Ben", "Emma", "Paul", "Hannah", "Leon", "Sofia", "Finn", "Emilia", "Elias",
			"Lina", "Noah", "Marie", "Luca", "Lea", "Jonas", "Clara", "Mehmet", "Zoë", "Anton" };
	private static final String[] LAST = { "Müller", "Schmidt", "Fischer", "Weber", "Meyer", "Wagner", "Koch", "Richter",
			"Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Öztürk",
			"Łukasik", "Weiß" };

	private final Environment environment;
	private final PlatformProperties platform;
	private final SchoolManagement schools;
	private final AccountManagement accounts;
	private final GroupManagement groups;

	DemoSchool(Environment environment, PlatformProperties platform, SchoolManagement schools, AccountManagement accounts,
			GroupManagement groups) {
		this.environment = environment;
		this.platform = platform;
		this.schools = schools;
		this.accounts = accounts;
		this.groups = groups;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Transactional
	public void seed() {
		if (platform.demo() || environment.containsProperty("demo")) {
			seedIfMissing();
		}
	}

	/** Seeds the school unless it exists; returns its id. */
	@Transactional
	public UUID seedIfMissing() {
		var existing = schools.findByNumber(NUMBER);
		if (existing.isPresent()) {
			return existing.get().id();
		}
		var school = schools.create(new NewSchool("Gesamtschule Am Stadtpark", NUMBER, SchoolType.GESAMTSCHULE, null), null);
		var admin = accounts.create(school.id(), new NewAccount("Petra", "Schulz", Role.SCHOOL_ADMIN, PASSWORD, List.of()), null);
		var adminUser = new de.schulhaus.platform.SchulhausUser(admin.id(), school.id(), admin.login(), admin.displayName(),
				Role.SCHOOL_ADMIN, "de", false, true, null);
		String[] classes = { "5a", "5b", "6a" };
		for (int i = 0; i < TEACHERS.size(); i++) {
			List<String> teacherGroups = i < classes.length ? List.of(classes[i]) : List.of();
			accounts.create(school.id(), new NewAccount(TEACHERS.get(i)[0], TEACHERS.get(i)[1], Role.TEACHER, PASSWORD, teacherGroups), null);
		}
		accounts.create(school.id(), new NewAccount("Renée", "Kühn", Role.STAFF, PASSWORD, List.of()), null);
		var mathe = groups.create(school.id(), "Mathe-LK Q1", GroupKind.COURSE, "Mathematik Leistungskurs, Qualifikationsphase 1", adminUser);
		var englisch = groups.create(school.id(), "Englisch-GK Q1", GroupKind.COURSE, "Englisch Grundkurs, Qualifikationsphase 1", adminUser);
		for (int i = 0; i < 60; i++) {
			String first = FIRST[i % FIRST.length];
			String last = LAST[(i * 7 + i / FIRST.length) % LAST.length];
			var pupil = accounts.create(school.id(), new NewAccount(first, last, Role.PUPIL, PASSWORD, List.of(classes[i / 20])), null);
			if (i % 3 == 0) {
				groups.addMember(school.id(), mathe.id(), pupil.id(), false, adminUser);
			}
			if (i % 2 == 0) {
				groups.addMember(school.id(), englisch.id(), pupil.id(), false, adminUser);
			}
		}
		schools.changeStatus(school.id(), SchoolStatus.ACTIVE, adminUser);
		log.info("Demo school {} seeded: admin {} and teachers/pupils with the password {}", school.name(), admin.login(), PASSWORD);
		return school.id();
	}
}
