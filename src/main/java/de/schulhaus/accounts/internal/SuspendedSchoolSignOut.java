package de.schulhaus.accounts.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.SignedInSessions;
import de.schulhaus.schools.SchoolStatus;
import de.schulhaus.schools.SchoolStatusChanged;

/**
 * When a school is suspended, everybody of that school is signed out at once, not when their session
 * times out, and protocol clients' remembered sign-ins end on every node.
 */
@Component
class SuspendedSchoolSignOut {

	private final AccountRepository accounts;
	private final SignedInSessions sessions;

	SuspendedSchoolSignOut(AccountRepository accounts, SignedInSessions sessions) {
		this.accounts = accounts;
		this.sessions = sessions;
	}

	@EventListener
	void on(SchoolStatusChanged change) {
		// protocol clients' cached sign-ins are checked against this version on every node
		accounts.bumpCredentialsVersionOfSchool(change.schoolId());
		if (change.after() == SchoolStatus.SUSPENDED) {
			sessions.endFor(accounts.loginsOfSchool(change.schoolId()));
		}
	}
}
