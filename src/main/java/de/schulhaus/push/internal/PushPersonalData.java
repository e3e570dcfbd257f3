package de.schulhaus.push.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import de.schulhaus.platform.DataSubject;
import de.schulhaus.platform.PersonalDataExport;
import de.schulhaus.platform.PersonalDataProvider;
import de.schulhaus.platform.SchulhausUser;

/**
 * The devices a person switched notifications on for: in the export the push service and the date
 * (the endpoint and keys are the browser's secrets, not shown), deleted on erasure.
 */
@Component
class PushPersonalData implements PersonalDataProvider {

	private final JdbcClient jdbc;
	private final PushSubscriptions subscriptions;

	PushPersonalData(JdbcClient jdbc, PushSubscriptions subscriptions) {
		this.jdbc = jdbc;
		this.subscriptions = subscriptions;
	}

	@Override
	public String section() {
		return "push";
	}

	@Override
	public String titleKey() {
		return "push.personalData.section";
	}

	@Override
	public int order() {
		return 140;
	}

	@Override
	public void export(DataSubject person, PersonalDataExport export) throws IOException {
		if (person.schoolId() == null) {
			return;
		}
		List<Device> devices = jdbc.sql("select endpoint, created_at, gone_at from push_subscription where account_id = :account "
				+ "and school_id = :school order by created_at")
			.param("account", person.accountId()).param("school", person.schoolId())
			.query((rs, n) -> new Device(URI.create(rs.getString(1)).getHost(),
					rs.getObject(2, java.time.OffsetDateTime.class).toInstant(), instant(rs.getObject(3, java.time.OffsetDateTime.class))))
			.list();
		if (!devices.isEmpty()) {
			export.json("geraete.json", PersonalDataProvider.text("push.personalData.subscriptions"), devices);
		}
	}

	@Override
	public Erasure erase(DataSubject person, SchulhausUser actor) {
		if (person.schoolId() == null) {
			return new Erasure(List.of(), List.of());
		}
		int deleted = subscriptions.deletePerson(person.schoolId(), person.accountId());
		return new Erasure(List.of(PersonalDataProvider.text("push.personalData.erased", deleted)), List.of());
	}

	private static Instant instant(java.time.OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}

	/**
	 * @param pushService the host of the browser maker's push service, which tells the person which browser it was
	 * @param goneSince when the push service said the subscription had ended (kept a while for the browser's renewal)
	 */
	record Device(String pushService, Instant since, Instant goneSince) {
	}
}
