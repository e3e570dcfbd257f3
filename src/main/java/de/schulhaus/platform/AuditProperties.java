package de.schulhaus.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the audit log keeps what (DSGVO: no longer than needed).
 *
 * @param addressRetention after this, entries lose the client's network address
 * @param retention after this, entries are deleted
 */
@ConfigurationProperties("schulhaus.audit")
public record AuditProperties(Duration addressRetention, Duration retention) {

	public AuditProperties {
		addressRetention = addressRetention == null ? Duration.ofDays(180) : addressRetention;
		retention = retention == null ? Duration.ofDays(730) : retention;
		if (addressRetention.isNegative() || addressRetention.isZero() || retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("schulhaus.audit.address-retention and .retention must be positive durations");
		}
	}
}
