package de.schulhaus.schools;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.schulhaus.platform.AuditLog;
import de.schulhaus.platform.Ids;
import de.schulhaus.platform.InvalidInputException;
import de.schulhaus.platform.NotFoundException;
import de.schulhaus.platform.SchulhausUser;
import de.schulhaus.schools.internal.SchoolRepository;

/** Creates and changes schools; the operator's side of the tenants. */
@Service
public class SchoolManagement {

	private static final Pattern SCHOOL_NUMBER = Pattern.compile("\\d{6}");
	private static final Pattern DOMAIN = Pattern
		.compile("^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

	private final SchoolRepository schools;
	private final SchoolsProperties properties;
	private final ApplicationEventPublisher events;
	private final AuditLog audit;

	SchoolManagement(SchoolRepository schools, SchoolsProperties properties, ApplicationEventPublisher events, AuditLog audit) {
		this.schools = schools;
		this.properties = properties;
		this.events = events;
		this.audit = audit;
	}

	/** Creates a school after checking every field; throws {@link InvalidInputException} naming the field. */
	@Transactional
	public School create(NewSchool request, SchulhausUser actor) {
		School school = validated(request);
		if (schools.findByNumber(school.schoolNumber()).isPresent()) {
			throw new InvalidInputException("schoolNumber", "schools.error.numberTaken", school.schoolNumber());
		}
		if (schools.domainTaken(school.mailDomain())) {
			throw new InvalidInputException("mailDomain", "schools.error.domainTaken", school.mailDomain());
		}
		try {
			schools.insert(school);
		}
		catch (DuplicateKeyException e) {
			throw new InvalidInputException("schoolNumber", "schools.error.numberTaken", school.schoolNumber());
		}
		events.publishEvent(new SchoolCreated(school.id(), school.schoolNumber()));
		if (actor != null) {
			audit.record(actor, "school.created", school.schoolNumber() + " " + school.name(), null);
		}
		return school;
	}

	School validated(NewSchool request) {
		String name = request.name() == null ? "" : request.name().strip();
		if (name.isEmpty()) {
			throw new InvalidInputException("name", "schools.error.nameRequired");
		}
		if (name.length() > 200) {
			throw new InvalidInputException("name", "schools.error.nameTooLong");
		}
		String number = request.schoolNumber() == null ? "" : request.schoolNumber().strip();
		if (!SCHOOL_NUMBER.matcher(number).matches()) {
			throw new InvalidInputException("schoolNumber", "schools.error.numberFormat");
		}
		if (request.type() == null) {
			throw new InvalidInputException("type", "schools.error.typeRequired");
		}
		String domain = request.mailDomain() == null || request.mailDomain().isBlank()
				? number + "." + properties.defaultMailDomainSuffix()
				: request.mailDomain().strip().toLowerCase(Locale.ROOT);
		if (!DOMAIN.matcher(domain).matches() && !domain.endsWith(".local")) {
			throw new InvalidInputException("mailDomain", "schools.error.domainFormat", domain);
		}
		return new School(Ids.newId(), name, number, request.type(), domain, SchoolStatus.PROVISIONED, Quotas.DEFAULTS,
				Instant.now());
	}

	public List<School> list() {
		return schools.findAll();
	}

	public Optional<School> find(UUID id) {
		return schools.findById(id);
	}

	public Optional<School> findByNumber(String number) {
		return schools.findByNumber(number);
	}

	/** The school whose mail domain this is (lower case, as stored), for mail addressed to it. */
	public Optional<School> findByMailDomain(String domain) {
		return domain == null ? Optional.empty() : schools.findByMailDomain(domain.strip().toLowerCase(java.util.Locale.ROOT));
	}

	/** The school or a {@link NotFoundException}. */
	public School require(UUID id) {
		return schools.findById(id).orElseThrow(() -> new NotFoundException("school"));
	}

	@Transactional
	public void changeStatus(UUID id, SchoolStatus status, SchulhausUser actor) {
		School school = require(id);
		if (status == SchoolStatus.DELETED || school.status() == SchoolStatus.DELETED) {
			throw new InvalidInputException("status", "schools.error.deletedIsFinal");
		}
		schools.updateStatus(id, status);
		audit.record(school.id(), actor.accountId(), actor.login(), "school.status", school.schoolNumber(),
				school.status() + " -> " + status);
		if (school.status() != status) {
			events.publishEvent(new SchoolStatusChanged(id, school.status(), status));
		}
	}

	/**
	 * Deletes a suspended school for good: it can never be used again, and every module removes what
	 * belonged to it when it hears {@link SchoolDeleted}. {@code confirmation} must be the school number.
	 */
	@Transactional
	public void delete(UUID id, String confirmation, SchulhausUser actor) {
		School school = require(id);
		if (school.status() != SchoolStatus.SUSPENDED) {
			throw new InvalidInputException("status", "schools.error.deleteOnlySuspended");
		}
		if (confirmation == null || !confirmation.strip().equals(school.schoolNumber())) {
			throw new InvalidInputException("confirm", "schools.error.deleteConfirm");
		}
		schools.updateStatus(id, SchoolStatus.DELETED);
		audit.record(school.id(), actor.accountId(), actor.login(), "school.deleted", school.schoolNumber(), school.name());
		events.publishEvent(new SchoolStatusChanged(id, school.status(), SchoolStatus.DELETED));
		events.publishEvent(new SchoolDeleted(id, school.schoolNumber()));
	}

	@Transactional
	public void changeQuotas(UUID id, Quotas quotas, SchulhausUser actor) {
		School school = require(id);
		if (quotas.anyNegative()) {
			throw new InvalidInputException("quotas", "schools.error.quotaNegative");
		}
		schools.updateQuotas(id, quotas);
		events.publishEvent(new SchoolQuotasChanged(id));
		audit.record(school.id(), actor.accountId(), actor.login(), "school.quotas", school.schoolNumber(), quotas.toString());
	}
}
