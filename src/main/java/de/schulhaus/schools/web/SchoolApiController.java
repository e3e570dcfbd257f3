package de.schulhaus.schools.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.platform.Tenancy;
import de.schulhaus.schools.NewSchool;
import de.schulhaus.schools.Quotas;
import de.schulhaus.schools.School;
import de.schulhaus.schools.SchoolManagement;
import de.schulhaus.schools.SchoolType;

/** Provisioning API for schools; state operators script against it, so keep it stable. */
@RestController
@RequestMapping("/api/v1/schools")
class SchoolApiController {

	private final SchoolManagement schools;

	SchoolApiController(SchoolManagement schools) {
		this.schools = schools;
	}

	@PostMapping
	@PreAuthorize("hasRole('OPERATOR')")
	ResponseEntity<SchoolJson> create(@RequestBody CreateSchool body, @AuthenticationPrincipal SchulhausUser user) {
		SchoolType type = SchoolType.parse(body.type())
			.orElseThrow(() -> new InvalidInputException("type", "schools.error.typeUnknown", String.valueOf(body.type())));
		School school = schools.create(new NewSchool(body.name(), body.schoolNumber(), type, body.mailDomain()), user);
		return ResponseEntity.created(URI.create("/api/v1/schools/" + school.id())).body(SchoolJson.of(school));
	}

	@GetMapping
	@PreAuthorize("hasRole('OPERATOR')")
	List<SchoolJson> list() {
		return schools.list().stream().map(SchoolJson::of).toList();
	}

	@GetMapping("/{schoolId}")
	SchoolJson get(@PathVariable String schoolId, @AuthenticationPrincipal SchulhausUser user) {
		UUID id = Ids.parse(schoolId, "school");
		Tenancy.requireSchool(user, id, "school");
		return SchoolJson.of(schools.require(id));
	}

	record CreateSchool(String name, String schoolNumber, String type, String mailDomain) {
	}

	record SchoolJson(UUID id, String name, String schoolNumber, String type, String mailDomain, String status,
			long teacherFilesQuotaMb, long teacherMailQuotaMb, long pupilFilesQuotaMb, long pupilMailQuotaMb, Quotas quotas) {

		static SchoolJson of(School s) {
			return new SchoolJson(s.id(), s.name(), s.schoolNumber(), s.type().name(), s.mailDomain(), s.status().name(),
					s.quotas().teacherFilesMb(), s.quotas().teacherMailMb(), s.quotas().pupilFilesMb(), s.quotas().pupilMailMb(), s.quotas());
		}
	}
}
