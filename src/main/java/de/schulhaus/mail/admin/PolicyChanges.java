package de.schulhaus.mail.admin;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.mail.internal.MailPolicies;
import de.schulhaus.mail.internal.MailPolicy;
import de.schulhaus.platform.SchulhausUser;

/** Saves the rules of all roles together: one wrong figure leaves every role as it was. */
@Service
class PolicyChanges {

	private final MailPolicies policies;

	PolicyChanges(MailPolicies policies) {
		this.policies = policies;
	}

	@Transactional
	void saveAll(SchulhausUser actor, List<MailPolicy> next) {
		List<MailPolicy> before = List.copyOf(policies.all(actor.schoolId()).values());
		for (MailPolicy policy : next) {
			// unchanged roles keep their row (or their defaults) and make no audit entry
			if (!before.contains(policy)) {
				policies.set(actor.schoolId(), policy, actor);
			}
		}
	}
}
