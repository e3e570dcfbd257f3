package de.schulhaus.accounts.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream whose read failures are told apart by what they mean for the import (a wrong password,
 * a zip bomb), not left as a plain {@link IOException}: subclasses translate them.
 */
abstract class TranslatingInputStream extends FilterInputStream {

	TranslatingInputStream(InputStream in) {
		super(in);
	}

	/** Throws the import's own exception where the failure has a meaning, else answers what to throw. */
	abstract IOException translate(IOException ex);

	@Override
	public int read() throws IOException {
		try {
			return super.read();
		}
		catch (IOException ex) {
			throw translate(ex);
		}
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		try {
			return super.read(buffer, offset, length);
		}
		catch (IOException ex) {
			throw translate(ex);
		}
	}
}
