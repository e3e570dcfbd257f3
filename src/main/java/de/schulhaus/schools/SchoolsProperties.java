package de.schulhaus.schools;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param defaultMailDomainSuffix a new school's mail domain is {@code <schulnummer>.<suffix>} unless given */
@ConfigurationProperties("schulhaus.schools")
public record SchoolsProperties(String defaultMailDomainSuffix) {

	public SchoolsProperties {
		defaultMailDomainSuffix = defaultMailDomainSuffix == null || defaultMailDomainSuffix.isBlank()
				? "schulhaus.local" : defaultMailDomainSuffix.trim().toLowerCase();
	}
}
