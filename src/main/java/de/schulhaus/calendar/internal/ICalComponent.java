package de.schulhaus.calendar.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A component of parsed iCalendar data (VCALENDAR, VEVENT, VTIMEZONE, ...) with its properties, its
 * sub-components and the physical lines it spans, so that it can be copied out unchanged.
 */
final class ICalComponent {

	private final String name;
	private final int firstLine;
	private int lastLine;
	private final List<ICalProperty> properties = new ArrayList<>();
	private final List<ICalComponent> components = new ArrayList<>();

	ICalComponent(String name, int firstLine) {
		this.name = name;
		this.firstLine = firstLine;
	}

	String name() {
		return name;
	}

	/** The physical line of BEGIN (1-based). */
	int firstLine() {
		return firstLine;
	}

	/** The physical line of END (1-based). */
	int lastLine() {
		return lastLine;
	}

	void end(int line) {
		this.lastLine = line;
	}

	void add(ICalProperty property) {
		properties.add(property);
	}

	void add(ICalComponent component) {
		components.add(component);
	}

	List<ICalProperty> properties() {
		return properties;
	}

	List<ICalComponent> components() {
		return components;
	}

	/** The first property of this name; null when there is none. */
	ICalProperty property(String propertyName) {
		for (ICalProperty property : properties) {
			if (property.name().equals(propertyName)) {
				return property;
			}
		}
		return null;
	}

	List<ICalProperty> properties(String propertyName) {
		return properties.stream().filter(p -> p.name().equals(propertyName)).toList();
	}

	/** The value of the first property of this name, null when there is none. */
	String value(String propertyName) {
		ICalProperty property = property(propertyName);
		return property == null ? null : property.value();
	}
}
