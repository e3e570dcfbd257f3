package de.schulhaus.contacts.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.parameter.EmailType;
import ezvcard.property.Categories;
import ezvcard.property.Kind;
import ezvcard.property.Member;
import ezvcard.property.Organization;
import ezvcard.property.StructuredName;
import ezvcard.property.Uid;

/**
 * A card of the school's directory: a person (name, role, service address, groups) or a group with its
 * members. vCard 3.0 by default, as every client reads it; 4.0 when a client asks. Groups are written
 * both ways clients know: {@code KIND:group} with {@code MEMBER} in 4.0, Apple's
 * {@code X-ADDRESSBOOKSERVER-KIND} and {@code -MEMBER} in 3.0.
 *
 * @param name the resource's name, {@code <id>.vcf}
 * @param title the role ("Lehrkraft") for a person, the group kind for a group
 * @param categories the person's groups the viewer sees; empty for a group
 * @param members the group's members the viewer sees; empty for a person
 * @param login a person's service address; a group's list address, if it has one
 */
public record DirectoryCard(UUID id, boolean group, String firstName, String lastName, String login, String title, String school,
		List<String> categories, List<UUID> members) {

	public String name() {
		return id + ".vcf";
	}

	/** The same for the same data, whatever version is asked: a client's cache is not spoilt by asking the other. */
	public String etag() {
		String source = String.join("\u0000", id.toString(), String.valueOf(group), firstName, lastName, String.valueOf(login), title, school,
				String.join("\u0001", categories), String.join("\u0001", members.stream().map(UUID::toString).toList()));
		return ContactCards.etag(source.getBytes(StandardCharsets.UTF_8));
	}

	public String formattedName() {
		return group ? lastName : firstName + " " + lastName;
	}

	/** The vCard in "3.0" or "4.0". */
	public String text(String version) {
		boolean four = "4.0".equals(version);
		VCard card = new VCard();
		card.setUid(new Uid(four ? "urn:uuid:" + id : id.toString()));
		card.setFormattedName(formattedName());
		Organization organization = new Organization();
		organization.getValues().add(school);
		card.setOrganization(organization);
		if (group) {
			StructuredName structured = new StructuredName();
			structured.setFamily(lastName);
			card.setStructuredName(structured);
			if (four) {
				card.setKind(Kind.group());
				members.forEach(m -> card.addMember(new Member("urn:uuid:" + m)));
			}
			else {
				card.addExtendedProperty("X-ADDRESSBOOKSERVER-KIND", "group");
				members.forEach(m -> card.addExtendedProperty("X-ADDRESSBOOKSERVER-MEMBER", "urn:uuid:" + m));
			}
			if (login != null) {
				card.addEmail(login, EmailType.WORK);
			}
			card.addNote(title);
		}
		else {
			StructuredName structured = new StructuredName();
			structured.setFamily(lastName);
			structured.setGiven(firstName);
			card.setStructuredName(structured);
			card.addTitle(title);
			if (login != null) {
				card.addEmail(login, EmailType.WORK);
			}
			if (!categories.isEmpty()) {
				Categories groups = new Categories();
				groups.getValues().addAll(categories);
				card.setCategories(groups);
			}
		}
		return Ezvcard.write(card).version(four ? VCardVersion.V4_0 : VCardVersion.V3_0).prodId(false).go();
	}
}
