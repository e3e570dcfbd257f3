package de.schulhaus.push.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import de.schulhaus.schools.SchoolDeleted;

/** A deleted school's subscriptions go with it (a deleted person's go with their account row). */
@Component
class PushRemoval {

	private final PushSubscriptions subscriptions;

	PushRemoval(PushSubscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@ApplicationModuleListener
	void on(SchoolDeleted event) {
		subscriptions.deleteSchool(event.schoolId());
	}
}
