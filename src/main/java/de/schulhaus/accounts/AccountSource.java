package de.schulhaus.accounts;

/** Where an account came from; imports match people by source id only within their own source. */
public enum AccountSource {
	MANUAL, SCHILD, CSV
}
