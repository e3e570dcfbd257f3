package de.schulhaus.mail.lists;

import java.util.UUID;

import de.schulhaus.mail.internal.ListPolicy;

/** A group's list address ({@code localPart@<school domain>}) and who may write to it. */
public record MailList(UUID groupId, UUID schoolId, String localPart, ListPolicy policy) {

	public String address(String domain) {
		return localPart + "@" + domain;
	}
}
