package de.schulhaus.accounts.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * The row errors of one file: the first ones listed, all of them counted. A file with a million broken rows
 * then costs the memory of a thousand messages, and the admin still learns how many rows were left out.
 */
final class RowErrors {

	private final int maxListed;

	private final List<RowError> listed = new ArrayList<>();

	private int count;

	RowErrors(int maxListed) {
		this.maxListed = maxListed;
	}

	void add(RowError error) {
		if (this.listed.size() < this.maxListed) {
			this.listed.add(error);
		}
		this.count++;
	}

	void addAll(List<RowError> errors) {
		errors.forEach(this::add);
	}

	List<RowError> listed() {
		return this.listed;
	}

	int count() {
		return this.count;
	}

}
