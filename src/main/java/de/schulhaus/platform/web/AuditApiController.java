package de.schulhaus.platform.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.AuditVerification;

/** The operator checks the audit log's hash chain; a monitoring script may call this daily. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditApiController {

	private final AuditLog audit;

	AuditApiController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/verification")
	@PreAuthorize("hasRole('OPERATOR')")
	AuditVerification verification() {
		return audit.verify();
	}
}
