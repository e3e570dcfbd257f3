package de.schulhaus.calendar.internal;

/**
 * Why calendar data was refused: the CalDAV precondition (RFC 4791 5.3.2.1, 9.x) the request broke and
 * an English message naming the problem (property, line) for the client's error report.
 */
public class InvalidCalendarData extends RuntimeException {

	static final String VALID_DATA = "valid-calendar-data";
	static final String VALID_OBJECT = "valid-calendar-object-resource";
	static final String SUPPORTED_COMPONENT = "supported-calendar-component";
	static final String MAX_SIZE = "max-resource-size";
	static final String SUPPORTED_DATA = "supported-calendar-data";

	private final String precondition;

	public InvalidCalendarData(String precondition, String message) {
		super(message);
		this.precondition = precondition;
	}

	/** One of valid-calendar-data, valid-calendar-object-resource, supported-calendar-component, max-resource-size, supported-calendar-data. */
	public String precondition() {
		return precondition;
	}

	static InvalidCalendarData data(String message) {
		return new InvalidCalendarData(VALID_DATA, message);
	}

	static InvalidCalendarData data(ICalProperty property, String problem) {
		return new InvalidCalendarData(VALID_DATA, property.name() + " (line " + property.line() + ") " + problem);
	}

	static InvalidCalendarData object(String message) {
		return new InvalidCalendarData(VALID_OBJECT, message);
	}
}
