package de.schulhaus.dav;

import javax.xml.namespace.QName;

/**
 * A property a client stored (PROPPATCH): its name and its value as an XML fragment, every element in it
 * declaring its own namespace, so that the fragment can be stored as text and written back as it came.
 */
public record DeadProperty(QName name, String xml) {

	/** A property whose value is plain text (a display name, a colour), escaped for XML. */
	public static DeadProperty ofText(QName name, String text) {
		return new DeadProperty(name, text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
	}

	/** {@link #text()} stripped, refused (403) when longer than {@code max} characters: a name, a colour, a description. */
	public String text(int max) {
		String text = text().strip();
		if (text.length() > max) {
			throw new DavException(403, name.getLocalPart() + " is longer than " + max + " characters.");
		}
		return text;
	}

	/** The value's text, elements inside it left out: what a display name or a colour says. */
	public String text() {
		return DavElement.parse(("<v>" + xml + "</v>").getBytes(java.nio.charset.StandardCharsets.UTF_8)).text();
	}
}
