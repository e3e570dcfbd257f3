package de.schulhaus.contacts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.github.mangstadt.vinnie.SyntaxStyle;
import com.github.mangstadt.vinnie.VObjectProperty;
import com.github.mangstadt.vinnie.io.Context;
import com.github.mangstadt.vinnie.io.SyntaxRules;
import com.github.mangstadt.vinnie.io.VObjectDataAdapter;
import com.github.mangstadt.vinnie.io.VObjectReader;
import com.github.mangstadt.vinnie.io.VObjectWriter;

import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardReader;

/** Reads and checks the vCards clients write, with ez-vcard; converts between 3.0 and 4.0 when a client asks. */
public final class VCardData {

	private VCardData() {
	}

	/** Reads at most {@code max} bytes and checks them; refuses with the CardDAV precondition that fails. */
	public static ContactCard parse(InputStream in, long max) {
		byte[] bytes;
		try {
			bytes = in.readNBytes((int) max + 1);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		if (bytes.length > max) {
			throw new InvalidAddressData("max-resource-size", "A vCard is at most " + max + " bytes.");
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			throw InvalidAddressData.data("The vCard is not UTF-8.");
		}
		return check(text);
	}

	static ContactCard check(String text) {
		VCard card;
		try (VCardReader reader = new VCardReader(text, VCardVersion.V2_1)) {
			card = reader.readNext();
			if (card == null) {
				throw InvalidAddressData.data("The data holds no vCard (BEGIN:VCARD … END:VCARD).");
			}
			if (reader.readNext() != null) {
				throw InvalidAddressData.data("The data holds more than one vCard; an address object resource has exactly one.");
			}
		}
		catch (IOException ex) {
			throw InvalidAddressData.data("The vCard cannot be read: " + ex.getMessage());
		}
		if (card.getVersion() != VCardVersion.V3_0 && card.getVersion() != VCardVersion.V4_0) {
			throw InvalidAddressData.data("VERSION must be 3.0 or 4.0.");
		}
		String uid = card.getUid() == null ? null : card.getUid().getValue();
		if (uid == null || uid.isBlank()) {
			throw InvalidAddressData.data("UID is missing; every vCard here needs one.");
		}
		if (uid.length() > 255) {
			throw InvalidAddressData.data("UID is longer than 255 characters.");
		}
		String name = card.getFormattedName() == null ? null : card.getFormattedName().getValue();
		if (name == null || name.isBlank()) {
			throw InvalidAddressData.data("FN (the name to show) is missing.");
		}
		String shown = name.strip();
		return new ContactCard(uid, shown.length() > 255 ? shown.substring(0, 255) : shown, card.getVersion().getVersion(), text);
	}

	/** The card in the version asked ("3.0" or "4.0"); as it is when it has that version already. */
	public static String inVersion(String text, String version) {
		VCardVersion wanted = VCardVersion.valueOfByStr(version);
		VCard card = Ezvcard.parse(text).first();
		if (wanted == null || card == null || card.getVersion() == wanted) {
			return text;
		}
		return Ezvcard.write(card).version(wanted).prodId(false).go();
	}

	/**
	 * The card with only these properties (upper-case names) besides VERSION, as a client asks with
	 * {@code address-data/prop} (RFC 6352 10.4.2); values and parameters stay as they are.
	 */
	public static String only(String text, java.util.Set<String> names) {
		java.io.StringWriter out = new java.io.StringWriter();
		try (VObjectReader reader = new VObjectReader(new java.io.StringReader(text), SyntaxRules.vcard());
				VObjectWriter writer = new VObjectWriter(out, SyntaxStyle.NEW)) {
			reader.parse(new VObjectDataAdapter() {
				@Override
				public void onComponentBegin(String name, Context context) {
					write(() -> writer.writeBeginComponent(name));
				}

				@Override
				public void onVersion(String version, Context context) {
					write(() -> writer.writeVersion(version));
				}

				@Override
				public void onProperty(VObjectProperty property, Context context) {
					if (names.contains(property.getName().toUpperCase(java.util.Locale.ROOT))) {
						write(() -> writer.writeProperty(property));
					}
				}

				@Override
				public void onComponentEnd(String name, Context context) {
					write(() -> writer.writeEndComponent(name));
				}
			});
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return out.toString();
	}

	private interface Write {
		void run() throws IOException;
	}

	private static void write(Write write) {
		try {
			write.run();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}
}
