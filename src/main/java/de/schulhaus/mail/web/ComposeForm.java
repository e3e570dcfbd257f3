package de.schulhaus.mail.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import de.schulhaus.platform.InvalidInputException;

/**
 * The compose form as sent: recipients as typed (comma or semicolon between them), subject, the text
 * (the editor's HTML, or plain text), the conversation's headers for a reply, the draft it continues,
 * and attachments kept from another message (a forwarded one, the draft itself) and picked from the cloud.
 *
 * @param format {@code html} for the editor's text, anything else for plain text
 * @param quelle the message whose attachments {@code behalten} names by part number
 */
record ComposeForm(String an, String cc, String bcc, String betreff, String text, String format, String antwortAuf, String verweise,
		String antwortId, String entwurf, String quelle, List<Integer> behalten, List<String> cloud) {

	static final int MAX_RECIPIENTS = 500;

	ComposeForm {
		an = an == null ? "" : an;
		cc = cc == null ? "" : cc;
		bcc = bcc == null ? "" : bcc;
		betreff = betreff == null ? "" : betreff;
		text = text == null ? "" : text;
		format = "text".equals(format) ? "text" : "html";
		behalten = behalten == null ? List.of() : behalten;
		cloud = cloud == null ? List.of() : cloud;
	}

	static ComposeForm empty() {
		return new ComposeForm("", "", "", "", "", "html", null, null, null, null, null, List.of(), List.of());
	}

	public boolean html() {
		return "html".equals(format);
	}

	/**
	 * Checks what goes into headers: a line break in the subject or an address would let a writer add
	 * headers of their own (header injection), so it is refused, not cleaned.
	 */
	void checkHeaders() {
		noLineBreak("betreff", betreff);
		noLineBreak("an", an);
		noLineBreak("cc", cc);
		noLineBreak("bcc", bcc);
		noLineBreak("antwortAuf", antwortAuf);
		noLineBreak("verweise", verweise);
		if (betreff.length() > 500) {
			throw new InvalidInputException("betreff", "mail.compose.error.subjectLong", 500);
		}
	}

	/** All recipients, parsed; a malformed one is refused with its field. */
	List<InternetAddress> recipients(boolean required) {
		List<InternetAddress> all = new ArrayList<>();
		all.addAll(parse("an", an));
		all.addAll(parse("cc", cc));
		all.addAll(parse("bcc", bcc));
		if (required && all.isEmpty()) {
			throw new InvalidInputException("an", "mail.compose.error.noRecipient");
		}
		if (all.size() > MAX_RECIPIENTS) {
			throw new InvalidInputException("an", "mail.compose.error.tooManyRecipients", MAX_RECIPIENTS);
		}
		return all;
	}

	static List<InternetAddress> parse(String field, String value) {
		List<InternetAddress> found = new ArrayList<>();
		for (String token : value.split("[,;]")) {
			String one = token.strip();
			if (one.isEmpty()) {
				continue;
			}
			try {
				InternetAddress address = new InternetAddress(one, true);
				address.validate();
				if (address.getAddress() == null || !address.getAddress().contains("@")) {
					throw new AddressException("no domain");
				}
				found.add(address);
			} catch (AddressException e) {
				throw new InvalidInputException(field, "mail.compose.error.address", one);
			}
		}
		return found;
	}

	private static void noLineBreak(String field, String value) {
		if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0)) {
			throw new InvalidInputException(field, "mail.compose.error.headerInjection");
		}
	}
}
