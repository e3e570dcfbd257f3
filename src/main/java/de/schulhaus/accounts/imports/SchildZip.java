package de.schulhaus.accounts.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

import net.lingala.zip4j.exception.ZipException;
import net.lingala.zip4j.io.inputstream.ZipInputStream;
import net.lingala.zip4j.model.LocalFileHeader;

/**
 * Opens the XML file inside the password-protected ZIP that SchILD-NRW writes (AES or ZipCrypto). The archive is
 * read as a stream, so nothing is unpacked to disk; every byte unpacked, of the XML file and of the entries
 * before it, counts towards {@link ImportLimits#maxUnpacked()}.
 */
public final class SchildZip {

	static final String WRONG_PASSWORD = "import.error.zipPassword";

	private static final byte[] ZIP_MAGIC = { 'P', 'K', 3, 4 };

	private SchildZip() {
	}

	/**
	 * Returns a stream of the first {@code *.xml} entry. Closing it closes {@code zip}.
	 * @param password the export password, or {@code null} for an archive without one
	 * @throws RosterFormatException {@code import.error.notZip}, {@code import.error.zipPassword} or
	 * {@code import.error.zipNoXml}
	 */
	public static InputStream openXml(InputStream zip, char[] password) {
		return openXml(zip, password, ImportLimits.defaults());
	}

	/**
	 * Like {@link #openXml(InputStream, char[])}; reading past the unpacked limit fails with
	 * {@code import.error.unpackedTooLarge}.
	 */
	public static InputStream openXml(InputStream zip, char[] password, ImportLimits limits) {
		ByteBudget unpacked = ByteBudget.unpacked(limits);
		BufferedInputStream in = new BufferedInputStream(zip);
		ZipInputStream entries = null;
		try {
			if (!startsWithZipMagic(in)) {
				throw new RosterFormatException("import.error.notZip");
			}
			entries = new ZipInputStream(in, password);
			LocalFileHeader entry;
			while ((entry = entries.getNextEntry()) != null) {
				if (isXml(entry)) {
					return unpacked.wrap(new PasswordCheckingStream(entries, entry.isEncrypted()));
				}
				unpacked.drain(entries);
			}
		}
		catch (ZipException ex) {
			closeQuietly(entries, in);
			throw translate(ex);
		}
		catch (IOException ex) {
			closeQuietly(entries, in);
			throw new RosterFormatException(ex, "import.error.notZip");
		}
		catch (RuntimeException ex) {
			closeQuietly(entries, in);
			throw ex;
		}
		closeQuietly(entries, in);
		throw new RosterFormatException("import.error.zipNoXml");
	}

	/** Whether the stream starts like a ZIP archive; the stream must support mark/reset. */
	static boolean startsWithZipMagic(InputStream in) throws IOException {
		in.mark(ZIP_MAGIC.length);
		byte[] start = in.readNBytes(ZIP_MAGIC.length);
		in.reset();
		return Arrays.equals(start, ZIP_MAGIC);
	}

	// Skips folders and the "._name.xml" resource forks that macOS adds when a user re-zips the export.
	private static boolean isXml(LocalFileHeader entry) {
		String name = entry.getFileName().replace('\\', '/');
		String base = name.substring(name.lastIndexOf('/') + 1);
		return !entry.isDirectory() && !name.startsWith("__MACOSX/") && !base.startsWith("._")
				&& base.toLowerCase(Locale.ROOT).endsWith(".xml");
	}

	private static RosterFormatException translate(ZipException ex) {
		boolean password = ex.getType() == ZipException.Type.WRONG_PASSWORD
				|| ex.getType() == ZipException.Type.CHECKSUM_MISMATCH
				|| (ex.getMessage() != null && ex.getMessage().toLowerCase(Locale.ROOT).contains("password"));
		return new RosterFormatException(ex, password ? WRONG_PASSWORD : "import.error.notZip");
	}

	private static void closeQuietly(InputStream entries, InputStream in) {
		try {
			if (entries != null) {
				entries.close();
			}
			else {
				in.close();
			}
		}
		catch (IOException ex) {
			// the input was only read
		}
	}

	/**
	 * A ZipCrypto password check at the start of an entry lets about one wrong password in 256 pass; the entry then
	 * fails later to inflate or with a checksum error. For an encrypted entry that almost always means a wrong
	 * password, and saying so tells the user what to do.
	 */
	private static final class PasswordCheckingStream extends TranslatingInputStream {

		private final boolean encrypted;

		PasswordCheckingStream(ZipInputStream entries, boolean encrypted) {
			super(entries);
			this.encrypted = encrypted;
		}

		@Override
		IOException translate(IOException ex) {
			if (this.encrypted) {
				throw new RosterFormatException(ex, WRONG_PASSWORD);
			}
			if (ex instanceof ZipException zip) {
				throw SchildZip.translate(zip);
			}
			return ex;
		}

	}

}
