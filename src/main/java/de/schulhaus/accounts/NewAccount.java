package de.schulhaus.accounts;

import java.util.List;

import de.schulhaus.platform.Role;

/** A person to create; without password they sign in first through a one-time link. */
public record NewAccount(String firstName, String lastName, Role role, String password, List<String> groups) {

	public NewAccount {
		groups = groups == null ? List.of() : List.copyOf(groups);
	}
}
