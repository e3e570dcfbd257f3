package de.schulhaus.contacts.internal;

/** A vCard that CardDAV refuses, with the precondition to answer ({@code valid-address-data}, {@code max-resource-size}). */
public class InvalidAddressData extends RuntimeException {

	private final String precondition;

	InvalidAddressData(String precondition, String message) {
		super(message);
		this.precondition = precondition;
	}

	static InvalidAddressData data(String message) {
		return new InvalidAddressData("valid-address-data", message);
	}

	public String precondition() {
		return precondition;
	}
}
