package de.schulhaus.mail.lists;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import de.schulhaus.contacts.GroupAddresses;
import de.schulhaus.schools.SchoolManagement;

/** The lists' addresses for the directory's group cards. */
@Component
class ListAddresses implements GroupAddresses {

	private final MailLists lists;
	private final SchoolManagement schools;

	ListAddresses(MailLists lists, SchoolManagement schools) {
		this.lists = lists;
		this.schools = schools;
	}

	@Override
	public Map<UUID, String> of(UUID schoolId) {
		String domain = schools.find(schoolId).map(s -> s.mailDomain()).orElse(null);
		if (domain == null) {
			return Map.of();
		}
		return lists.ofSchool(schoolId).stream().collect(Collectors.toMap(MailList::groupId, l -> l.address(domain), (a, b) -> a));
	}
}
