package de.schulhaus.accounts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import de.schulhaus.IntegrationTest;
import de.schulhaus.TestSchools;
import de.schulhaus.accounts.AccountStatus;
import de.schulhaus.accounts.ClientCredentials;
import de.schulhaus.accounts.ProtocolSignIn;
import de.schulhaus.accounts.Scope;
import de.schulhaus.accounts.internal.AccountRepository;
import de.schulhaus.platform.SecretBox;
import de.schulhaus.schools.SchoolManagement;
import de.schulhaus.schools.SchoolStatus;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Protocol clients send their credentials on every request: a verified one is remembered, so the
 * next requests cost no hash, and anything that takes the access away ends it at once.
 */
@IntegrationTest
class ProtocolSignInCacheTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProtocolSignIn signIn;

	@Autowired
	ClientCredentials credentials;

	@Autowired
	AccountUserDetailsService users;

	@Autowired
	AccountRepository accounts;

	@Autowired
	SecretBox box;

	@Autowired
	MeterRegistry meters;

	@Autowired
	SchoolManagement schools;

	@Autowired
	SignInThrottle throttle;

	@Autowired
	JdbcClient jdbc;

	private double hashes() {
		return meters.counter("schulhaus.passwords.verified").count();
	}

	@Test
	void theAccountPasswordCostsOneHashForManyRequestsUntilItChanges() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Cache-Schule");
		var teacher = t.createUser(school, "Carla", "Cache", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		double before = hashes();
		for (int i = 0; i < 20; i++) {
			assertThat(signIn.authenticate(teacher.login(), teacher.password(), Scope.FILES, "webdav", "10.4.4.4")).isPresent();
		}
		assertThat(hashes() - before).as("twenty PROPFINDs, one hash").isEqualTo(1);
		assertThat(signIn.authenticate(teacher.login(), "Ein-anderes-Passwort-2026", Scope.FILES, "webdav", "10.4.4.4")).isEmpty();

		// a new password (here: set by the person elsewhere) ends the remembered sign-in on every node
		var user = users.load(teacher.login()).orElseThrow();
		accounts.updatePassword(teacher.id(), user.getPassword(), false);
		before = hashes();
		assertThat(signIn.authenticate(teacher.login(), teacher.password(), Scope.FILES, "webdav", "10.4.4.4")).isPresent();
		assertThat(hashes() - before).as("checked again after the change").isEqualTo(1);

		// a second factor switched on: the account password is no longer good for programs at all
		SignInSupport.enableTotp(accounts, box, teacher.id());
		assertThat(signIn.authenticate(teacher.login(), teacher.password(), Scope.FILES, "webdav", "10.4.4.4")).isEmpty();
	}

	@Test
	void anAppPasswordCostsNoHashAndEndsWithRevocationDeactivationOrSuspension() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Cache-App-Schule");
		var teacher = t.createUser(school, "Clara", "Client", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var user = users.load(teacher.login()).orElseThrow();
		var first = credentials.createAppPassword(user, "Laptop", Set.of(Scope.FILES, Scope.CALENDAR), null);
		var second = credentials.createAppPassword(user, "Handy", Set.of(Scope.CALENDAR), null);
		double before = hashes();
		for (int i = 0; i < 10; i++) {
			assertThat(signIn.authenticate(teacher.login(), first.secret(), Scope.FILES, "webdav", "10.5.5.5")).isPresent();
			assertThat(signIn.authenticate(teacher.login(), second.secret(), Scope.CALENDAR, "caldav", "10.5.5.5")).isPresent();
		}
		assertThat(hashes() - before).as("app passwords are never hashed with argon2").isZero();
		assertThat(signIn.authenticate(teacher.login(), second.secret(), Scope.FILES, "webdav", "10.5.5.5"))
			.as("remembered for its scopes only").isEmpty();

		credentials.revokeAppPassword(user, first.id());
		assertThat(signIn.authenticate(teacher.login(), first.secret(), Scope.FILES, "webdav", "10.5.5.5")).isEmpty();
		assertThat(signIn.authenticate(teacher.login(), second.secret(), Scope.CALENDAR, "caldav", "10.5.5.5")).isPresent();

		accounts.updateStatus(school.id(), teacher.id(), AccountStatus.DEACTIVATED);
		assertThat(signIn.authenticate(teacher.login(), second.secret(), Scope.CALENDAR, "caldav", "10.5.5.5")).isEmpty();
		accounts.updateStatus(school.id(), teacher.id(), AccountStatus.ACTIVE);
		assertThat(signIn.authenticate(teacher.login(), second.secret(), Scope.CALENDAR, "caldav", "10.5.5.5")).isPresent();

		schools.changeStatus(school.id(), SchoolStatus.SUSPENDED, users.load("operator@schulhaus.local").orElseThrow());
		assertThat(signIn.authenticate(teacher.login(), second.secret(), Scope.CALENDAR, "caldav", "10.5.5.5")).isEmpty();
	}

	@Test
	void anAddressBlockedForGuessingKeepsRememberedAppPasswordsButRefusesEverythingElse() throws Exception {
		var t = new TestSchools(mvc);
		var teacher = t.createUser(t.createSchool("Cache-Nat-Schule"), "Nora", "Nat", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var user = users.load(teacher.login()).orElseThrow();
		var laptop = credentials.createAppPassword(user, "Laptop", Set.of(Scope.FILES), null);
		var phone = credentials.createAppPassword(user, "Handy", Set.of(Scope.FILES), null);
		String school = "10.6.6.6";
		assertThat(signIn.authenticate(teacher.login(), laptop.secret(), Scope.FILES, "webdav", school)).isPresent();
		assertThat(signIn.authenticate(teacher.login(), "Kompass-Laterne-Quitte-2026", Scope.FILES, "webdav", school)).isPresent();

		// somebody behind the school's one address guesses passwords until the address is blocked
		for (int i = 0; i < SignInThrottle.ADDRESS_FAILURES; i++) {
			throttle.failedAddress(school);
		}
		assertThat(throttle.allowed(school)).isFalse();

		assertThat(signIn.authenticate(teacher.login(), laptop.secret(), Scope.FILES, "webdav", school))
			.as("a sync client's remembered app password goes on working").isPresent();
		assertThat(signIn.authenticate(teacher.login(), "Kompass-Laterne-Quitte-2026", Scope.FILES, "webdav", school))
			.as("an account password, remembered or not, is refused while the address is blocked").isEmpty();
		assertThat(signIn.authenticate(teacher.login(), phone.secret(), Scope.FILES, "webdav", school))
			.as("an app password not verified lately is refused too").isEmpty();
		assertThat(signIn.authenticate(teacher.login(), phone.secret(), Scope.FILES, "webdav", "10.7.7.7")).isPresent();
	}

	@Test
	void aChangeMadeOnAnotherNodeEndsTheRememberedSignInWithinASecond() throws Exception {
		var t = new TestSchools(mvc);
		var school = t.createSchool("Cache-Knoten-Schule");
		var teacher = t.createUser(school, "Karl", "Knoten", "TEACHER", "Kompass-Laterne-Quitte-2026", null);
		var user = users.load(teacher.login()).orElseThrow();
		var laptop = credentials.createAppPassword(user, "Laptop", Set.of(Scope.FILES), null);
		assertThat(signIn.authenticate(teacher.login(), laptop.secret(), Scope.FILES, "webdav", "10.8.8.8")).isPresent();
		assertThat(signIn.authenticate(teacher.login(), laptop.secret(), Scope.FILES, "webdav", "10.8.8.8")).isPresent();

		// what another node writes when the app password is revoked there: this node's own code is not told
		long changed = System.nanoTime();
		jdbc.sql("delete from app_password where id = :id").param("id", laptop.id()).update();
		jdbc.sql("update account set credentials_version = credentials_version + 1 where id = :id").param("id", teacher.id()).update();
		long refusedAfter = -1;
		while (System.nanoTime() - changed < 3_000_000_000L) {
			if (signIn.authenticate(teacher.login(), laptop.secret(), Scope.FILES, "webdav", "10.8.8.8").isEmpty()) {
				refusedAfter = System.nanoTime() - changed;
				break;
			}
			Thread.sleep(20);
		}
		assertThat(refusedAfter).as("refused, and within the second a check is trusted").isBetween(0L, 1_200_000_000L);
		assertThat(signIn.authenticate(teacher.login(), laptop.secret(), Scope.FILES, "webdav", "10.8.8.8")).isEmpty();
	}
}
